import { Module } from '@nestjs/common';
import { Csrf } from './forms/csrf';
import { Pages } from './page-response';

/** The page toolkit's providers, shared by every page module: CSRF tokens and the page context. */
@Module({ providers: [Csrf, Pages], exports: [Csrf, Pages] })
export class PageKitModule {}
