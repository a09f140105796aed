import { Module } from '@nestjs/common';
import { DocumentationController } from './documentation.controller';
import { DocumentationRepository } from './documentation.repository';
import { DocumentationService } from './documentation.service';

@Module({
  controllers: [DocumentationController],
  providers: [DocumentationService, DocumentationRepository],
  exports: [DocumentationService],
})
export class DocumentationModule {}
