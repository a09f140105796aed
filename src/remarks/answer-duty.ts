/**
 * When the organizer's answer to a remark is due, as every output tells it (pages, API, export,
 * report): never while the remark is hidden. A hidden remark needs no answer (README, "The answer
 * duty": not unanswered, not overdue, not in the organizer's queue); its stored deadline is kept,
 * and restored it is due again (restoredAnswerDueAt).
 */
export function answerDueShown(remark: { answer_due_at: Date | string; hidden_at: Date | string | null }): Date | null {
  return remark.hidden_at === null ? new Date(remark.answer_due_at) : null;
}

/** Is the answer overdue at `now`: unanswered, not hidden and past its deadline. */
export function isAnswerOverdue(
  remark: { answer_due_at: Date | string; hidden_at: Date | string | null; answered_at: Date | string | null },
  now: Date,
): boolean {
  const due = answerDueShown(remark);
  return remark.answered_at === null && due !== null && now.getTime() > due.getTime();
}
