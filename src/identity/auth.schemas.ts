import { ApiProperty } from '@nestjs/swagger';

export class LoginResponseUser {
  @ApiProperty({ type: String })
  id!: string;
  @ApiProperty({ type: String })
  role!: string;
  @ApiProperty({ type: String })
  displayName!: string;
  @ApiProperty({ type: Boolean })
  emailVerified!: boolean;
}

export class LoginResponse {
  @ApiProperty({ type: String })
  accessToken!: string;
  @ApiProperty({ type: () => LoginResponseUser })
  user!: LoginResponseUser;
}

export class VerifiedResponse {
  @ApiProperty({ type: Boolean, enum: [true] })
  verified!: true;
}

export class VerificationSentResponse {
  @ApiProperty({ type: Boolean, description: 'false when the address was already verified (nothing is sent)' })
  sent!: boolean;
}

export class LoggedOutResponse {
  @ApiProperty({ type: Boolean, enum: [true] })
  loggedOut!: true;
}

export class ResetRequestedResponse {
  @ApiProperty({ type: Boolean, enum: [true] })
  requested!: true;
}

export class PasswordResetResponse {
  @ApiProperty({ type: Boolean, enum: [true] })
  reset!: true;
}
