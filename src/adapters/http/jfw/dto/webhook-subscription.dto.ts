import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { MAX_TEXT_LENGTH } from '../../../../domain/shared/limits';

const IfGiven = () => ValidateIf((_object, value) => value !== undefined);

/*
 * Wire-format rules only (types and lengths); the domain checks the URL,
 * the event types of the surface, and the outbound adapter the target.
 */

/** Body of POST /api/v1/webhooks. */
export class WebhookSubscriptionBody {
  @IsString() @MaxLength(MAX_TEXT_LENGTH)
  url!: string;

  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(32) @IsString({ each: true }) @MaxLength(64, { each: true })
  eventTypes!: string[];

  @IsOptional() @IsString() @MaxLength(MAX_TEXT_LENGTH)
  description?: string | null;
}

/** Body of PATCH /api/v1/webhooks/{id} (JSON Merge Patch): the fields given change; `enabled` turns delivery off and on. */
export class WebhookSubscriptionPatchBody {
  @IfGiven() @IsString() @MaxLength(MAX_TEXT_LENGTH)
  url?: string;

  @IfGiven() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(32) @IsString({ each: true }) @MaxLength(64, { each: true })
  eventTypes?: string[];

  @IsOptional() @IsString() @MaxLength(MAX_TEXT_LENGTH)
  description?: string | null;

  @IfGiven() @IsBoolean()
  enabled?: boolean;
}
