import type { LoadStats, Verdict } from './load';
import type { ServiceInstance } from './service';

/**
 * What every fault scenario must end with: each remark a client sent was in the end accepted, every
 * 2xx remark is stored once under the id the client was told, each has one answer, and each answer
 * reached its author's mailbox once. `copiesAllowed` admits that many second copies (same
 * Message-ID) where a test can show they are the unavoidable ones.
 */
export function expectNothingLostOrRepeated(stats: LoadStats, verdict: Verdict, instances: ServiceInstance[], copiesAllowed = 0): void {
  expect(stats.remarkRefused).toEqual([]);
  expect(stats.remarkGaveUp).toEqual([]);
  expect(stats.answerGaveUp).toEqual([]);
  expect(verdict.remarksAccepted).toBe(verdict.remarksAttempted);
  expect(verdict.acceptedButLost).toEqual([]);
  expect(verdict.acceptedWithOtherId).toEqual([]);
  expect(verdict.storedMoreThanOnce).toEqual([]);
  expect(verdict.remarksStored).toBe(verdict.remarksAccepted);
  expect(verdict.answersPublished).toBe(verdict.remarksAccepted);
  expect(verdict.remarksWithMoreThanOneAnswer).toBe(0);
  expect(verdict.emailsMissing).toEqual([]);
  expect(verdict.emailsToWrongRecipient).toBe(0);
  expect(verdict.emailsDuplicated.every((d) => d.copies === 2 && d.sameMessageId)).toBe(true);
  expect(verdict.emailsDuplicated.length).toBeLessThanOrEqual(copiesAllowed);
  expect(verdict.emailsReceived).toBe(verdict.emailsExpected + verdict.emailsDuplicated.length);
  expect(verdict.outbox).toEqual({ sent: verdict.emailsExpected });
  for (const instance of instances) expect(instance.unexpectedExits).toEqual([]);
}
