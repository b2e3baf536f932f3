import * as assert from 'node:assert/strict';
import { papersFromBibtex } from '../../../src/core/bibtex/bibImport';

const BIB = `@article{vaswani2017attention,
  title   = {Attention Is All You {Need}},
  author  = {Vaswani, Ashish and Shazeer, Noam and Parmar, Niki},
  journal = {Advances in Neural Information Processing Systems},
  volume  = {30},
  year    = {2017},
  url     = {https://arxiv.org/abs/1706.03762v5}
}

@book{knuth1984,
  title  = {The {TeX}book},
  author = {Knuth, Donald E.},
  year   = {1984}
}

@misc{maldacena1997,
  title = {The Large {$N$} Limit of Superconformal Field Theories and Supergravity},
  author = {Juan Maldacena},
  note = {arXiv:hep-th/9711200},
  doi = {10.1023/A:1026654312961}
}

@misc{notitle, eprint = {1810.04805}, archivePrefix = {arXiv}}
@misc{again, title = {Attention again}, doi = {10.48550/arXiv.1706.03762}}
`;

describe('bibImport: papers from a .bib file', () => {
  it('turns entries with an arXiv id into papers, keeping authors and keys', () => {
    const { papers } = papersFromBibtex(BIB, 'refs.bib');
    assert.deepEqual(
      papers.map((p) => [p.id, p.key, p.title]),
      [
        ['1706.03762', 'vaswani2017attention', 'Attention Is All You Need'],
        ['hep-th/9711200', 'maldacena1997', 'The Large $N$ Limit of Superconformal Field Theories and Supergravity'],
      ],
    );
    assert.deepEqual(papers[0]!.authors, ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar']);
    assert.equal(papers[0]!.journalRef, 'Advances in Neural Information Processing Systems, 30, 2017');
    assert.equal(papers[0]!.pdfUrl, 'https://arxiv.org/pdf/1706.03762');
    assert.equal(papers[1]!.doi, '10.1023/A:1026654312961');
    assert.deepEqual(papers[1]!.source, { file: 'refs.bib', line: 16, column: 1 });
  });

  it('lists the rest as skipped, each with its reason', () => {
    const { skipped } = papersFromBibtex(BIB, 'refs.bib');
    assert.deepEqual(
      skipped.map((s) => [s.key, s.line]),
      [
        ['knuth1984', 10],
        ['notitle', 23],
        ['again', 24],
      ],
    );
    assert.match(skipped[0]!.reason, /no arXiv id/);
    assert.match(skipped[1]!.reason, /arXiv 1810.04805 has no title/);
    assert.match(skipped[2]!.reason, /already imported as vaswani2017attention/);
  });
});
