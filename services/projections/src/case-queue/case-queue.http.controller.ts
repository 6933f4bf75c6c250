import { CurrentPrincipal, Principal, Roles, Station } from '@kinship/tenancy';
import { Controller, Get, Param, Query, UseFilters } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ProjectionsProblemFilter } from '../projections-problem.filter';
import { CaseQueryDto, CaseQueueQueryDto, CenterCaseQueueQueryDto, DEFAULT_QUEUE_PAGE_SIZE } from './case-queue.request.dto';
import { CaseDetail, CaseQueueService, QueuePage, QueueRequest, TimelineItem } from './case-queue.service';
import { CASE_DETAIL_SCHEMA, QUEUE_PAGE_SCHEMA, TIMELINE_SCHEMA } from './case-queue.responses';

/** Case queues per station and group with SLA status, the overdue list, "my cases", case pages and timelines. */
@ApiTags('case-queue')
@UseFilters(ProjectionsProblemFilter)
@Roles('station-staff', 'station-lead', 'center-manager')
@Controller()
export class CaseQueueHttpController {
  constructor(private readonly cases: CaseQueueService) {}

  @Get('stations/:stationId/case-queue')
  @Station('read')
  @ApiOkResponse({ description: 'Open cases, most urgent first: breached, then by next deadline; paused cases after them', schema: QUEUE_PAGE_SCHEMA })
  queue(@Param('stationId') stationId: string, @Query() query: CaseQueueQueryDto): Promise<QueuePage> {
    return this.cases.station(stationId, requestOf(query), now());
  }

  @Get('stations/:stationId/case-queue/overdue')
  @Station('read')
  @ApiOkResponse({ description: 'Open cases past a deadline, the longest overdue first', schema: QUEUE_PAGE_SCHEMA })
  overdue(@Param('stationId') stationId: string, @Query() query: CaseQueueQueryDto): Promise<QueuePage> {
    return this.cases.overdue(stationId, requestOf(query), now());
  }

  @Get('stations/:stationId/my-cases')
  @Station('read')
  @ApiOkResponse({ description: 'The cases assigned to the caller: being worked on, then resolved and still to be closed', schema: QUEUE_PAGE_SCHEMA })
  mine(@CurrentPrincipal() principal: Principal, @Param('stationId') stationId: string, @Query() query: CaseQueueQueryDto): Promise<QueuePage> {
    return this.cases.mine(principal, stationId, requestOf(query), now());
  }

  @Get('stations/:stationId/cases/:caseId')
  @Station('read')
  @ApiOkResponse({ description: 'The case with its SLA, mediation and description in clear (null once erased)', schema: CASE_DETAIL_SCHEMA })
  detail(@Param('stationId') stationId: string, @Param('caseId') caseId: string, @Query() query: CaseQueryDto): Promise<CaseDetail> {
    return this.cases.detail(stationId, caseId, now(), query.afterPosition);
  }

  @Get('stations/:stationId/cases/:caseId/timeline')
  @Station('read')
  @ApiOkResponse({ description: 'Everything that happened to the case at this station, in order', schema: TIMELINE_SCHEMA })
  timeline(@Param('stationId') stationId: string, @Param('caseId') caseId: string, @Query() query: CaseQueryDto): Promise<TimelineItem[]> {
    return this.cases.timeline(stationId, caseId, query.afterPosition);
  }

  @Roles('center-manager')
  @Get('centers/:centerId/case-queue')
  @ApiOkResponse({ description: "The open cases of every station of the manager's chain", schema: QUEUE_PAGE_SCHEMA })
  center(@CurrentPrincipal() principal: Principal, @Param('centerId') centerId: string, @Query() query: CenterCaseQueueQueryDto): Promise<QueuePage> {
    return this.cases.center(principal, centerId, query.stationId, requestOf(query), now());
  }

  @Roles('center-manager')
  @Get('centers/:centerId/case-queue/overdue')
  @ApiOkResponse({ description: "The overdue cases of every station of the manager's chain", schema: QUEUE_PAGE_SCHEMA })
  centerOverdue(@CurrentPrincipal() principal: Principal, @Param('centerId') centerId: string, @Query() query: CaseQueueQueryDto): Promise<QueuePage> {
    return this.cases.centerOverdue(principal, centerId, requestOf(query), now());
  }
}

function requestOf(query: CaseQueueQueryDto): QueueRequest {
  return {
    filters: { group: query.group, priority: query.priority },
    page: query.page ?? 1,
    pageSize: query.pageSize ?? DEFAULT_QUEUE_PAGE_SIZE,
    afterPosition: query.afterPosition,
  };
}

function now(): string {
  return new Date().toISOString();
}
