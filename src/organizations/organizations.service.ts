import { Injectable } from '@nestjs/common';
import { IANAZone } from 'luxon';
import { DataSource } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import { translationExists } from '../common/errors/translation-errors';
import { isUuid } from '../common/ids';
import type { Locale } from '../common/i18n/locale';
import type { LocalizedInput } from '../common/i18n/localized-text';
import { LocalizedText } from '../common/i18n/localized-text';
import { addTranslations } from '../common/i18n/add-translations';
import { Council } from './council.entity';
import { isUniqueViolation } from '../database/db-errors';
import { isValidBin } from './bin';
import { CouncilsRepository } from './councils.repository';
import { Organization } from './organization.entity';
import {
  CouncilTranslationsDto,
  CouncilView,
  CreateOrganizationDto,
  OrganizationTranslationsDto,
  OrganizationView,
} from './organizations.dto';
import { OrganizationsRepository } from './organizations.repository';

/** A name the DTO validated as non-blank. */
function required(text: LocalizedText | null): LocalizedText {
  if (!text) throw new AppError('VALIDATION_FAILED');
  return text;
}

function toCouncilView(c: Council): CouncilView {
  return { id: c.id, name: c.name, createdAt: c.createdAt.toISOString() };
}

function toOrganizationView(o: Organization): OrganizationView {
  return { id: o.id, name: o.name, bin: o.bin, address: o.address, timeZone: o.timeZone, councilId: o.councilId };
}

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly db: DataSource,
    private readonly councils: CouncilsRepository,
    private readonly organizations: OrganizationsRepository,
  ) {}

  /** A string name is in `lang` (Content-Language, else the administrator's language). */
  async createCouncil(name: LocalizedInput, lang: Locale): Promise<{ id: string }> {
    const council = await this.councils.insert(this.db, required(LocalizedText.fromInput(name, lang)));
    return { id: council.id };
  }

  /** Adds languages the council's name lacks (not a correction: nobody is told). */
  async addCouncilTranslations(id: string, dto: CouncilTranslationsDto, lang: Locale): Promise<CouncilView> {
    return this.db.transaction(async (em) => {
      const council = isUuid(id) ? await this.councils.lockById(em, id) : null;
      if (!council) throw new AppError('COUNCIL_NOT_FOUND');
      const { changes, conflicts, conflictFields } = addTranslations({ name: council.name }, { name: dto.name }, lang);
      if (conflicts.length > 0) throw translationExists(conflicts, conflictFields);
      if (changes.name) await this.councils.rename(em, council.id, changes.name);
      return toCouncilView(Object.assign(council, changes));
    });
  }

  async listCouncils(): Promise<CouncilView[]> {
    const rows = await this.councils.listByName();
    return rows.map(toCouncilView);
  }

  async createOrganization(dto: CreateOrganizationDto, lang: Locale): Promise<{ id: string }> {
    const input = {
      ...dto,
      name: required(LocalizedText.fromInput(dto.name, lang)),
      address: required(LocalizedText.fromInput(dto.address, lang)),
    };
    if (!isValidBin(input.bin)) throw new AppError('INVALID_BIN');
    if (!IANAZone.isValidZone(input.timeZone)) throw new AppError('INVALID_TIME_ZONE');
    if (!(await this.councils.findById(input.councilId))) throw new AppError('COUNCIL_NOT_FOUND');
    if (await this.organizations.binTaken(input.bin)) throw new AppError('BIN_TAKEN');
    try {
      const saved = await this.organizations.insert(this.db, { ...input });
      return { id: saved.id };
    } catch (error) {
      if (isUniqueViolation(error, 'organizations_bin_uq')) throw new AppError('BIN_TAKEN');
      throw error;
    }
  }

  /** Adds languages the organization's name or address lacks (not a correction: nobody is told). */
  async addOrganizationTranslations(id: string, dto: OrganizationTranslationsDto, lang: Locale): Promise<OrganizationView> {
    return this.db.transaction(async (em) => {
      const organization = isUuid(id) ? await this.organizations.lockById(em, id) : null;
      if (!organization) throw new AppError('ORGANIZATION_NOT_FOUND');
      const { changes, conflicts, conflictFields } = addTranslations(
        { name: organization.name, address: organization.address },
        { name: dto.name, address: dto.address },
        lang,
      );
      if (conflicts.length > 0) throw translationExists(conflicts, conflictFields);
      if (Object.keys(changes).length > 0) await this.organizations.updateTexts(em, organization.id, changes);
      return toOrganizationView(Object.assign(organization, changes));
    });
  }

  async organization(id: string): Promise<OrganizationView> {
    const organization = isUuid(id) ? await this.organizations.findById(id) : null;
    if (!organization) throw new AppError('ORGANIZATION_NOT_FOUND');
    return toOrganizationView(organization);
  }

  async council(id: string): Promise<CouncilView> {
    const council = isUuid(id) ? await this.councils.findById(id) : null;
    if (!council) throw new AppError('COUNCIL_NOT_FOUND');
    return toCouncilView(council);
  }

  async listOrganizations(): Promise<OrganizationView[]> {
    const rows = await this.organizations.listByName();
    return rows.map(toOrganizationView);
  }
}
