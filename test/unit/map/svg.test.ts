import * as assert from 'node:assert/strict';
import { buildMapModel } from '../../../src/core/map/mapModel';
import { fitTransform, mapSvg, xmlText } from '../../../src/core/map/svg';
import { makeEntry, makePaper } from '../../support/papers';

describe('map SVG', () => {
  it('escapes markup and replaces what XML cannot hold', () => {
    assert.equal(xmlText(`<a href="x" onclick='y'>&`), '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;');
    assert.equal(xmlText('bell\u0007 nul\u0000 ok\tline\n'), 'bell\ufffd nul\ufffd ok\tline\n');
    assert.equal(
      xmlText('lone \ud800 high, lone \udc00 low, pair \ud83d\ude00'),
      'lone \ufffd high, lone \ufffd low, pair \ud83d\ude00',
    );
    assert.equal(xmlText('\ufffe\uffff'), '\ufffd\ufffd');
  });

  it('fits the points into the box, keeping their aspect', () => {
    const place = fitTransform([0, 2, 1], [0, 1, 0.5], { x: 10, y: 10, width: 100, height: 100 });
    assert.deepEqual(place(0, 0), [10, 35]);
    assert.deepEqual(place(2, 1), [110, 85]);
    assert.deepEqual(fitTransform([], [], { x: 0, y: 0, width: 10, height: 20 })(5, 5), [5, 10]);
  });

  it('takes the page colours only when they are plain CSS colours', () => {
    const model = buildMapModel([
      makeEntry(makePaper({ id: '2401.00001', title: 'Alpha beta gamma' }), { theme: 'A' }),
      makeEntry(makePaper({ id: '2401.00002', title: 'Delta epsilon zeta' }), { theme: 'B' }),
    ]);
    const svg = mapSvg(model, {
      colours: { themes: ['rgb(1, 2, 3)', '"/><script>alert(1)</script>'], background: '#112233', foreground: 'red' },
    });
    assert.ok(svg.includes('fill="rgb(1, 2, 3)"'));
    assert.ok(!svg.includes('<script'));
    assert.ok(svg.includes('fill="#112233"'));
    assert.ok(svg.includes('A sample') === false);
    const sampled = mapSvg(
      buildMapModel(
        model.ids.map((id) => makeEntry(makePaper({ id }))),
        { maxPoints: 1 },
      ),
    );
    assert.match(sampled, /A sample of 1 is drawn/);
  });
});
