import { PageLimits, PageQuery, Paging, pagingOf as pageOf } from '../projection/page-query.request.dto';

/** Volunteering's lists are long (a station's volunteers, a year of shifts): longer pages than elsewhere. */
const VOLUNTEERING_PAGE_LIMITS: PageLimits = { maxPageSize: 200, defaultPageSize: 50 };

/** Paging and read-your-writes, shared by volunteering's read-model queries. */
export class VolunteeringPageQuery extends PageQuery(VOLUNTEERING_PAGE_LIMITS) {}

export function pagingOf(query: VolunteeringPageQuery): Paging {
  return pageOf(query, VOLUNTEERING_PAGE_LIMITS);
}
