import { Controller, Get, HttpCode, Inject, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { DeadLetter, DeadLetterStore } from '@kinship/messaging';
import { Roles } from '@kinship/tenancy';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { BuildRef, ProjectionRunner, ProjectionStatus } from '../projection/projection-runner';
import { DEAD_LETTER_STORE } from '../projections.tokens';
import { ProjectionsProblemFilter } from '../projections-problem.filter';

const asBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class RebuildQueryDto {
  @ApiPropertyOptional({ description: 'Answer only once the rebuilt collections serve queries' })
  @IsOptional()
  @Transform(asBoolean)
  @IsBoolean()
  wait?: boolean;
}

export class DeadLettersQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  group?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(asBoolean)
  @IsBoolean()
  includeReplayed?: boolean;
}

/** A dead letter as an operator sees it: which event failed and why, without the event's data. */
export interface DeadLetterView {
  id: string;
  group: string;
  error: string;
  attempts: number;
  deadLetteredAt: string;
  replayedAt: string | null;
  event: Pick<DeadLetter['event'], 'id' | 'type' | 'schemaVersion' | 'streamId' | 'streamVersion' | 'position' | 'tenantId' | 'occurredAt'>;
}

/** Projections and dead letters, for operators: they watch and repair, and never see personal data. */
@ApiTags('operator')
@ApiBearerAuth()
@UseFilters(ProjectionsProblemFilter)
@Roles('operator')
@Controller('operator')
export class OperatorHttpController {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(DEAD_LETTER_STORE) private readonly deadLetters: DeadLetterStore,
  ) {}

  @Get('projections')
  async projections(): Promise<{ projections: ProjectionStatus[] }> {
    return { projections: await this.runner.status() };
  }

  @Post('projections/:name/rebuild')
  @HttpCode(202)
  async rebuild(
    @Param('name') name: string,
    @Query() query: RebuildQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ projection: string; build: BuildRef; state: 'rebuilding' | 'live' }> {
    const { build, done } = await this.runner.rebuild(name);
    if (!query.wait) return { projection: name, build, state: 'rebuilding' };
    await done;
    void reply.status(200);
    return { projection: name, build, state: 'live' };
  }

  @Get('dead-letters')
  async list(@Query() query: DeadLettersQueryDto): Promise<{ deadLetters: DeadLetterView[] }> {
    const letters = await this.deadLetters.list({ group: query.group, includeReplayed: query.includeReplayed });
    return { deadLetters: letters.map(toView) };
  }

  @Post('dead-letters/:id/replay')
  @HttpCode(204)
  async replay(@Param('id') id: string): Promise<void> {
    await this.deadLetters.replay(id);
  }
}

function toView(letter: DeadLetter): DeadLetterView {
  const { id, type, schemaVersion, streamId, streamVersion, position, tenantId, occurredAt } = letter.event;
  return {
    id: letter.id,
    group: letter.group,
    error: letter.error,
    attempts: letter.attempts,
    deadLetteredAt: letter.deadLetteredAt,
    replayedAt: letter.replayedAt,
    event: { id, type, schemaVersion, streamId, streamVersion, position, tenantId, occurredAt },
  };
}
