import type { ConclusionResult } from './review-conclusion.entity';
import type { PositionKind } from './review-position.entity';

export interface ConclusionFigures {
  membersCount: number;
  positionsCount: number;
  endorseCount: number;
  endorseWithRecommendationsCount: number;
  objectCount: number;
  result: ConclusionResult;
  /** More than half of the council's members recorded a position. */
  quorum: boolean;
}

const RESULT_OF: Record<PositionKind, ConclusionResult> = {
  endorse: 'endorsed',
  endorse_with_recommendations: 'endorsed_with_recommendations',
  object: 'objected',
};

/**
 * The council's conclusion from the positions cast: the position held by a strict majority of the
 * positions cast wins ('no_majority' otherwise, 'no_positions' when none); a quorum is more than
 * half of the council's members taking part.
 */
export function computeConclusion(positions: PositionKind[], membersCount: number): ConclusionFigures {
  const counts: Record<PositionKind, number> = { endorse: 0, endorse_with_recommendations: 0, object: 0 };
  for (const p of positions) counts[p] += 1;
  const total = positions.length;
  let result: ConclusionResult = total === 0 ? 'no_positions' : 'no_majority';
  for (const kind of Object.keys(counts) as PositionKind[]) {
    if (total > 0 && counts[kind] * 2 > total) result = RESULT_OF[kind];
  }
  return {
    membersCount,
    positionsCount: total,
    endorseCount: counts.endorse,
    endorseWithRecommendationsCount: counts.endorse_with_recommendations,
    objectCount: counts.object,
    result,
    quorum: membersCount > 0 && total * 2 > membersCount,
  };
}

/** How many members of the council named an answer (a remark's) formal in their positions. */
export interface FormalAnswerVotes {
  remarkId: string;
  votes: number;
}

/**
 * The answers the council finds formal when its review closes: those named by more than half of the
 * council's members (not of the positions cast), in the order given. None when the council has no members.
 */
export function formalByCouncil<T extends FormalAnswerVotes>(votes: readonly T[], membersCount: number): T[] {
  return votes.filter((v) => membersCount > 0 && v.votes * 2 > membersCount);
}
