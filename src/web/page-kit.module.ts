import { Module } from '@nestjs/common';
import { Pages } from './page-response';

/** The page toolkit's providers, shared by every page module: the page context (CSRF tokens come from the global IdentityModule). */
@Module({ providers: [Pages], exports: [Pages] })
export class PageKitModule {}
