import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { LoginDto, RegisterDto } from './auth.dto';

async function registerDto(email: string): Promise<{ email: string; failed: string[] }> {
  const dto = plainToInstance(RegisterDto, { email, password: 'Tulip-garden-2027', displayName: 'A' });
  const errors = await validate(dto);
  return { email: dto.email, failed: errors.flatMap((e) => Object.keys(e.constraints ?? {})) };
}

describe('IsAccountEmail (the e-mail field of registration, password reset and staff accounts)', () => {
  it('hands on the normalized address: invisible characters gone, a non-ASCII domain in ASCII', async () => {
    expect(await registerDto(' Olga@example.kz\u200b ')).toEqual({ email: 'Olga@example.kz', failed: [] });
    expect(await registerDto('olga@exam\u00adple.kz')).toEqual({ email: 'olga@example.kz', failed: [] });
    expect(await registerDto('aigul@пример.қаз')).toEqual({ email: 'aigul@xn--e1afmkfd.xn--80ao21a', failed: [] });
  });

  it('refuses what stays invisible or control, also in a domain that punycode would spell in letters', async () => {
    expect((await registerDto('ol\u0007ga@example.kz')).failed).toContain('visibleEmail');
    expect((await registerDto('olga@\u2800example.kz')).failed).toContain('visibleEmail');
    expect((await registerDto('olga@exa\u0600mple.kz')).failed).toContain('visibleEmail');
  });

  it('normalizes the sign-in address too, without judging it', async () => {
    const dto = plainToInstance(LoginDto, { email: 'OLGA@example.kz\u2060', password: 'x' });
    expect(dto.email).toBe('OLGA@example.kz');
    expect(await validate(dto)).toEqual([]);
  });
});
