import { INestApplication } from '@nestjs/common';
import { AppConfig } from './config/config';

/** The first administrator (ADMIN_EMAIL/ADMIN_PASSWORD) and, with DEMO_DATA, the demo data. */
export async function bootstrapData(_app: INestApplication, _config: AppConfig): Promise<void> {
  // Filled in by the identity and demo-data work (issues 3 and 7).
}
