import { Module } from '@nestjs/common';
import { CommitmentsModule } from '../commitments/commitments.module';
import { DocumentationController } from './documentation.controller';
import { DocumentationRepository } from './documentation.repository';
import { DocumentationService } from './documentation.service';

@Module({
  imports: [CommitmentsModule],
  controllers: [DocumentationController],
  providers: [DocumentationService, DocumentationRepository],
  exports: [DocumentationService],
})
export class DocumentationModule {}
