import { PageQuery } from '../projection/page-query.request.dto';

export { AfterPositionQuery, pagingOf } from '../projection/page-query.request.dto';

/** Paging and read-your-writes, shared by the brokerage's list queries. */
export class BrokeragePageQuery extends PageQuery() {}
