import { Logger as NestLogger } from '@nestjs/common';
import { createLogger, markCorrelationBound } from './logger';
import { correlationIdFrom, currentCorrelationId, runWithCorrelationId } from './correlation';
import { PinoNestLogger } from './nest-logger';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = { write: (line: string) => void lines.push(JSON.parse(line)) };
  return { lines, logger: createLogger({ name: 'test', level: 'trace', destination }) };
}

describe('the JSON logger', () => {
  describe('when a line carries personal fields', () => {
    it('redacts names, ID numbers, phones and addresses one and two levels deep', () => {
      const { lines, logger } = capture();
      logger.info(
        {
          resident: { name: 'Wang Fang', idNumber: '11010519491231002X', phone: '13800000000', stationId: 's-1' },
          data: { household: { address: '1 Road', personal: { note: 'x' } } },
        },
        'registered',
      );
      expect(lines[0]).toMatchObject({
        resident: { name: '[Redacted]', idNumber: '[Redacted]', phone: '[Redacted]', stationId: 's-1' },
        data: { household: { address: '[Redacted]', personal: '[Redacted]' } },
      });
    });

    it('never writes a request body or an authorization header', () => {
      const { lines, logger } = capture();
      logger.info({ req: { body: { name: 'x' }, headers: { authorization: 'Bearer abc', accept: 'json' } } }, 'in');
      expect(lines[0]).toMatchObject({ req: { body: '[Redacted]', headers: { authorization: '[Redacted]', accept: 'json' } } });
    });

    it('keeps its own name and writes the level as a word', () => {
      const { lines, logger } = capture();
      logger.warn('careful');
      expect(lines[0]).toMatchObject({ name: 'test', level: 'warn', msg: 'careful' });
      expect(typeof lines[0]['time']).toBe('string');
    });
  });

  describe('when logging inside a correlated flow', () => {
    it('adds the correlation id to every line, across awaits', async () => {
      const { lines, logger } = capture();
      await runWithCorrelationId('corr-1', async () => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        logger.info('inside');
        expect(currentCorrelationId()).toBe('corr-1');
      });
      logger.info('outside');
      expect(lines[0]).toMatchObject({ msg: 'inside', correlationId: 'corr-1' });
      expect(lines[1]).not.toHaveProperty('correlationId');
    });

    it('does not repeat the id on a logger whose bindings already carry it', () => {
      const lines: string[] = [];
      const logger = createLogger({ name: 'test', destination: { write: (line: string) => void lines.push(line) } });
      const child = markCorrelationBound(logger.child({ correlationId: 'corr-2' }));
      runWithCorrelationId('corr-2', () => child.info('once'));
      expect(lines[0].match(/correlationId/g)).toHaveLength(1);
    });
  });
});

describe('the correlation id of a request', () => {
  it('is the caller’s when it is a plain token', () => {
    expect(correlationIdFrom('abc-123_x.y:z')).toBe('abc-123_x.y:z');
  });

  it('is generated when the header is missing, too long or not a plain token', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(correlationIdFrom(undefined)).toMatch(uuid);
    expect(correlationIdFrom('x'.repeat(129))).toMatch(uuid);
    expect(correlationIdFrom('a"}\n{"level":"fatal')).toMatch(uuid);
  });
});

describe('the Nest logger adapter', () => {
  it('writes Nest’s lines as JSON with their context and level', () => {
    const { lines, logger } = capture();
    const nest = new NestLogger('RoutesResolver');
    NestLogger.overrideLogger(new PinoNestLogger(logger));
    try {
      nest.log('Mapped {/residents, POST} route');
      nest.verbose('details');
      nest.error('it broke', 'Error: it broke\n    at x');
      nest.warn({ resident: { name: 'Li Lei' } });
    } finally {
      NestLogger.overrideLogger(true);
    }
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', context: 'RoutesResolver', msg: 'Mapped {/residents, POST} route' }),
      expect.objectContaining({ level: 'trace', context: 'RoutesResolver', msg: 'details' }),
      expect.objectContaining({ level: 'error', context: 'RoutesResolver', msg: 'it broke', stack: 'Error: it broke\n    at x' }),
      expect.objectContaining({ level: 'warn', context: 'RoutesResolver', data: { resident: { name: '[Redacted]' } } }),
    ]);
  });

  it('follows the log levels Nest asks for', () => {
    const { lines, logger } = capture();
    const adapter = new PinoNestLogger(logger);
    adapter.setLogLevels(['warn', 'error']);
    adapter.log('hidden');
    adapter.warn('shown');
    expect(lines.map((line) => line['msg'])).toEqual(['shown']);
  });
});
