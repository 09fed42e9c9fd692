import { strict as assert } from 'node:assert';
import { remembering } from '../../server/src/common/memo';

describe('remembering (bounded memo shared by the parsers and the chart reader)', () => {
  it('computes each key once while it is among the last `limit`, null answers included, and forgets the oldest first', () => {
    const calls: string[] = [];
    const f = remembering(2, (k: string) => { calls.push(k); return k === 'none' ? null : k.length; });
    assert.equal(f('abc'), 3);
    assert.equal(f('none'), null);
    assert.equal(f('abc'), 3);
    assert.equal(f('none'), null);
    assert.deepEqual(calls, ['abc', 'none'], 'a null answer is remembered like any other');
    f('xy'); // the third key: 'abc', the oldest, is forgotten
    f('none');
    f('abc');
    assert.deepEqual(calls, ['abc', 'none', 'xy', 'abc']);
  });
});
