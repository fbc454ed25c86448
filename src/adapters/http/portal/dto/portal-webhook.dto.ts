import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { MAX_TEXT_LENGTH } from '../../../../domain/shared/limits';

/** Optional but, when present, not null. */
const Present = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

/*
 * The portal's webhook bodies, in its PascalCase: types and lengths here;
 * the domain checks the URL and the portal's event types, the outbound
 * adapter the target.
 */

/** Body of POST /portal-api/webhooks. */
export class PortalWebhookCreateBody {
  @IsString() @MaxLength(MAX_TEXT_LENGTH)
  URL!: string;

  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(32) @IsString({ each: true }) @MaxLength(64, { each: true })
  EventTypes!: string[];

  @IsOptional() @IsString() @MaxLength(MAX_TEXT_LENGTH)
  Description?: string | null;
}

/** Body of PATCH /portal-api/webhooks/{webhook_id}: the fields given change. */
export class PortalWebhookUpdateBody {
  @Present() @IsString() @MaxLength(MAX_TEXT_LENGTH)
  URL?: string;

  @Present() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(32) @IsString({ each: true }) @MaxLength(64, { each: true })
  EventTypes?: string[];

  @IsOptional() @IsString() @MaxLength(MAX_TEXT_LENGTH)
  Description?: string | null;

  @Present() @IsBoolean()
  Enabled?: boolean;
}
