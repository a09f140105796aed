import { answerDueShown, isAnswerOverdue } from './answer-duty';

/**
 * The decision (domain.md, "Moderation without suppression"; README, "The answer duty"): a hidden
 * remark stays on the record, with its answer if it has one, but needs no answer. So no output tells
 * a deadline for it while it is hidden (pages say "no answer needed"; the API, the export and the
 * moderation answers give answerDueAt null; the outcome report never counts it late), and nothing
 * counts it overdue. Its stored deadline is kept: restored, it is due again (restoredAnswerDueAt).
 */
describe('the answer duty of a hidden remark', () => {
  const due = new Date('2027-03-16T18:59:59.999Z');
  const after = new Date('2027-03-20T05:00:00.000Z');
  const before = new Date('2027-03-10T05:00:00.000Z');

  it('a visible remark shows its deadline, a hidden one none', () => {
    expect(answerDueShown({ answer_due_at: due, hidden_at: null })).toEqual(due);
    expect(answerDueShown({ answer_due_at: due.toISOString(), hidden_at: null })).toEqual(due);
    expect(answerDueShown({ answer_due_at: due, hidden_at: before })).toBeNull();
    // hidden after its deadline passed: still none while hidden (the lateness comes back with a restoration)
    expect(answerDueShown({ answer_due_at: due, hidden_at: after.toISOString() })).toBeNull();
  });

  it('only a visible, unanswered remark past its deadline is overdue', () => {
    expect(isAnswerOverdue({ answer_due_at: due, hidden_at: null, answered_at: null }, after)).toBe(true);
    expect(isAnswerOverdue({ answer_due_at: due, hidden_at: null, answered_at: null }, before)).toBe(false);
    expect(isAnswerOverdue({ answer_due_at: due, hidden_at: null, answered_at: before }, after)).toBe(false);
    expect(isAnswerOverdue({ answer_due_at: due, hidden_at: before, answered_at: null }, after)).toBe(false);
  });
});
