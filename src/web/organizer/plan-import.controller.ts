import { Body, Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../common/errors/app-error';
import { texts } from '../../common/i18n/catalogue';
import type { AuthUser } from '../../identity/auth/auth-user';
import { CurrentUser } from '../../identity/auth/auth.decorators';
import { decodeCsv, importTooLarge } from '../../plan-import/plan-import.parser';
import { PlanImportService } from '../../plan-import/plan-import.service';
import { errorText } from '../forms/submit';
import type { PageContext } from '../layout';
import { FormPost, PageController } from '../page.decorators';
import { Pages } from '../page-response';
import { importPage, previewPage, resultPage } from './plan-import.pages';
import type { ImportFormBody } from './plan-import.uploads';

/**
 * The organizer's import of the annual plan: upload a CSV file, see every row checked, confirm.
 * The confirm form carries the file's text back and the service checks it again, so what is created
 * is what the preview showed (or, if the plan changed meanwhile, what is still new).
 */
@PageController('organizer/import', { roles: ['organizer'] })
export class PlanImportPageController {
  constructor(
    private readonly pages: Pages,
    private readonly imports: PlanImportService,
  ) {}

  @Get()
  form(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const ctx = this.pages.context(request);
    this.pages.send(request, reply, ctx, importPage(ctx));
  }

  @FormPost('preview', { signIn: '/organizer/import' })
  async preview(
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const form = (body ?? {}) as ImportFormBody;
    const fileName = form.fileName ?? '';
    await this.refusedOnForm(request, reply, ctx, async () => {
      if (form.fileTooLarge) throw importTooLarge();
      if (!form.file && !form.csv)
        return this.pages.send(request, reply, ctx, importPage(ctx, texts(ctx.locale).planImport.page.fileError), 400);
      const csv = form.file ? decodeCsv(form.file) : form.csv!;
      const outcome = await this.imports.preview(user, csv);
      this.pages.send(request, reply, ctx, previewPage(ctx, outcome, csv, fileName));
    });
  }

  @FormPost('', { signIn: '/organizer/import' })
  async confirm(
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const form = (body ?? {}) as ImportFormBody;
    await this.refusedOnForm(request, reply, ctx, async () => {
      if (form.fileTooLarge) throw importTooLarge();
      if (!form.csv) return this.pages.send(request, reply, ctx, importPage(ctx, texts(ctx.locale).planImport.page.fileError), 400);
      const outcome = await this.imports.confirm(user, form.csv);
      this.pages.send(request, reply, ctx, resultPage(ctx, outcome, form.fileName ?? ''));
    });
  }

  /** A file the import refuses as a whole (size, encoding, columns...) shows the upload form again with the reason. */
  private async refusedOnForm(request: FastifyRequest, reply: FastifyReply, ctx: PageContext, run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (error) {
      if (!(error instanceof AppError) || !error.code.startsWith('IMPORT_')) throw error;
      this.pages.send(request, reply, ctx, importPage(ctx, errorText(error, ctx.locale)), error.status);
    }
  }
}
