import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { IMPORT_LIMITS } from './plan-import.columns';

/** An annual plan as CSV text; a file over the size limit is refused as IMPORT_TOO_LARGE (413). */
export class PlanImportDto {
  @ApiProperty({
    description:
      'The annual plan as CSV: a header row naming the columns (kk, ru or en; see the README), delimiter `,` or `;`, ' +
      `at most ${IMPORT_LIMITS.maxBytes} bytes of UTF-8 and ${IMPORT_LIMITS.maxRows} rows`,
    example:
      'Номер пункта плана;Наименование на казахском языке;Наименование на русском языке;Код ЕНС ТРУ;Способ закупки;Сумма;Квартал\n...',
  })
  @IsString()
  csv: string;
}
