import { ApiProperty } from '@nestjs/swagger';
import type { Statistics } from './statistics';

/** The OpenAPI description of GET /statistics and /statistics/organizations/{id} (the answer is a `Statistics`). */
class RemarkFigures {
  @ApiProperty({ description: 'Remarks received on published plans' })
  received: number;

  @ApiProperty({ description: 'Remarks with an answer' })
  answered: number;

  @ApiProperty({ description: 'Remarks whose first answer was not late' })
  answeredOnTime: number;

  @ApiProperty({ type: Number, nullable: true, description: 'answered / received (4 decimals); null when nothing was received' })
  answeredShare: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'answeredOnTime / received; null when nothing was received' })
  answeredOnTimeShare: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Median hours from the remark to its first answer (1 decimal)' })
  medianAnswerHours: number | null;
}

class HearingFigures {
  @ApiProperty({ description: 'Plans whose protocol is published and which were never marked overdue' })
  heldOnTime: number;

  @ApiProperty({ description: 'Plans past their hearing deadline, or with a protocol already' })
  due: number;

  @ApiProperty({ type: Number, nullable: true, description: 'heldOnTime / due; null when none is due' })
  heldOnTimeShare: number | null;
}

class RecommendationFigures {
  @ApiProperty({ description: "Recommendations of the public council on the organizer's plans" })
  total: number;

  @ApiProperty({ description: 'Recommendations the organizer responded to' })
  responded: number;

  @ApiProperty({ description: 'Recommendations whose current response accepts them' })
  accepted: number;

  @ApiProperty({ type: Number, nullable: true, description: 'accepted / responded; null when none was responded to' })
  acceptedShare: number | null;
}

export class StatisticsResponse implements Statistics {
  @ApiProperty({ type: RemarkFigures })
  remarks: RemarkFigures;

  @ApiProperty({ type: HearingFigures })
  hearings: HearingFigures;

  @ApiProperty({ type: RecommendationFigures })
  recommendations: RecommendationFigures;

  @ApiProperty({
    description:
      "Answers called formal by their authors: remarks whose author's most recent verdict, on any version of the answer, is `formal` " +
      '(a remark counts once; a later `reasoned` verdict takes it out)',
  })
  answersFormalByAuthors: number;

  @ApiProperty({ description: 'The number of different authors of the remarks counted in answersFormalByAuthors' })
  answersFormalByAuthorsDistinctAuthors: number;

  @ApiProperty({
    description:
      "Answers found formal by the public council: named by more than half of the council's members when its review closed " +
      '(one per finding of a conclusion, whether or not the answer was corrected since)',
  })
  answersFormalByCouncil: number;

  @ApiProperty({
    description: 'Stage-1 remarks with a commitment (an answer that accepted them fully or partly), counted once whatever its versions',
  })
  commitments: number;

  @ApiProperty({ description: 'Commitments whose latest version is `implemented` (a document and a section, clause or page)' })
  commitmentsImplemented: number;

  @ApiProperty({ description: "Commitments whose author's most recent verdict, on any version of the commitment, is `confirmed`" })
  commitmentsConfirmed: number;

  @ApiProperty({ description: "Commitments whose author's most recent verdict, on any version of the commitment, is `disputed`" })
  commitmentsDisputed: number;
}
