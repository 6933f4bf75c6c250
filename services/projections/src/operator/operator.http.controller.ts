import { Controller, Get, HttpCode, Inject, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { DeadLetter, DeadLetterStore } from '@kinship/messaging';
import { Roles } from '@kinship/tenancy';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { BuildRef, ProjectionRunner, ProjectionStatus } from '../projection/projection-runner';
import { DEAD_LETTER_STORE } from '../projections.tokens';
import { ProjectionsProblemFilter } from '../projections-problem.filter';
import { DEAD_LETTERS_SCHEMA, PROJECTIONS_SCHEMA, REBUILD_SCHEMA } from './operator.responses';

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
@UseFilters(ProjectionsProblemFilter)
@Roles('operator')
@Controller('operator')
export class OperatorHttpController {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(DEAD_LETTER_STORE) private readonly deadLetters: DeadLetterStore,
  ) {}

  @Get('projections')
  @ApiOkResponse({ description: 'Every projection: the build queries read, its position, the head and the lag', schema: PROJECTIONS_SCHEMA })
  async projections(): Promise<{ projections: ProjectionStatus[] }> {
    return { projections: await this.runner.status() };
  }

  @Post('projections/:name/rebuild')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'The rebuild started; queries read the previous build until it has caught up', schema: REBUILD_SCHEMA })
  @ApiOkResponse({ description: 'With wait=true: the rebuilt collections serve queries now', schema: REBUILD_SCHEMA })
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
  @ApiOkResponse({ description: "Dead letters, without the events' data", schema: DEAD_LETTERS_SCHEMA })
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
