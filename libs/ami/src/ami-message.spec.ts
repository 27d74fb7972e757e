import { AmiMessage } from './ami-message';

describe('AmiMessage', () => {
  const response = new AmiMessage([
    ['Response', 'Success'],
    ['actionid', 'a-1'],
    ['Message', 'Command output follows'],
    ['Output', 'line 1'],
    ['output', 'line 2'],
    ['ActionID', 'later'],
  ]);

  it('finds headers case-insensitively, first occurrence', () => {
    expect(response.get('ActionID')).toBe('a-1');
    expect(response.get('ACTIONID')).toBe('a-1');
    expect(response.actionId).toBe('a-1');
    expect(response.get('Missing')).toBeUndefined();
  });

  it('keeps every repeated header in order', () => {
    expect(response.getAll('Output')).toEqual(['line 1', 'line 2']);
    expect(response.getAll('Missing')).toEqual([]);
    expect(response.fields).toHaveLength(6);
  });

  it('gives one value per name in toRecord, the first, names compared exactly as received', () => {
    expect(response.toRecord()).toEqual({
      Response: 'Success',
      actionid: 'a-1',
      Message: 'Command output follows',
      Output: 'line 1',
      output: 'line 2',
      ActionID: 'later',
    });
    const repeated = new AmiMessage([['Output', 'a'], ['Output', 'b'], ['constructor', 'c'], ['toString', 'd']]);
    expect(repeated.toRecord()).toEqual({ Output: 'a', constructor: 'c', toString: 'd' });
  });

  it('keeps a hostile __proto__ header as plain data', () => {
    const record = new AmiMessage([['__proto__', 'x'], ['A', 'b']]).toRecord();
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(Object.keys(record)).toEqual(['__proto__', 'A']);
    expect(record['__proto__']).toBe('x');
  });

  it('decides the kind by the first of Event, Response and Action', () => {
    const originateResponse = new AmiMessage([['Event', 'OriginateResponse'], ['ActionID', 'o'], ['Response', 'Success']]);
    expect([originateResponse.kind, originateResponse.name]).toEqual(['event', 'OriginateResponse']);
    expect([response.kind, response.name]).toEqual(['response', 'Success']);
    const action = new AmiMessage([['action', 'ping'], ['actionid', 'x']]);
    expect([action.kind, action.name]).toEqual(['action', 'ping']);
    const neither = new AmiMessage([['Foo', 'bar']]);
    expect([neither.kind, neither.name]).toEqual(['unknown', '']);
    expect(new AmiMessage([]).kind).toBe('unknown');
  });
});
