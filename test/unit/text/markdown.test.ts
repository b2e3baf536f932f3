import * as assert from 'node:assert/strict';
import { Lexer } from 'marked';
import { escapeMarkdown, escapeMarkdownParagraphs } from '../../../src/core/text/markdown';
import { HOSTILE, hrefs, render, visibleText } from '../../support/markdown';

describe('text: Markdown escaping', () => {
  describe('escapeMarkdown', () => {
    it('renders hostile text as exactly that text, with no link, image, HTML or formatting', () => {
      const html = render(escapeMarkdown(HOSTILE));
      assert.deepEqual(hrefs(html), []);
      assert.doesNotMatch(html, /<(img|script|strong|em|code|del|h1|table|a)\b/);
      assert.equal(visibleText(html).trim(), HOSTILE);
    });

    it('keeps theme-icon syntax as literal text', () => {
      const html = render(escapeMarkdown('warning $(alert) and $(sync~spin) but $(not an icon'));
      assert.doesNotMatch(html, /codicon/);
      assert.equal(visibleText(html).trim(), 'warning $(alert) and $(sync~spin) but $(not an icon');
    });

    it('keeps everything on one line: block syntax after a line break stays text', () => {
      const html = render(`x${escapeMarkdown('a\n# Heading\n- item\n> quote\n---\n1. one')}`);
      assert.doesNotMatch(html, /<(h\d|ul|ol|li|blockquote|hr)\b/);
    });

    it('leaves letters, digits and non-ASCII text alone', () => {
      assert.equal(escapeMarkdown('Zero shot Übersetzung 42 αβγ'), 'Zero shot Übersetzung 42 αβγ');
    });
  });

  it('escapes every character any earlier copy escaped (hover, tree tooltip, completion documentation)', () => {
    // The union of the three former character sets is every ASCII punctuation character.
    const formerSets = ['\\`*_{}[]()#+-.!|<>~$', '\\`*_{}[]()#+-.!|<>~&', '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'];
    for (const c of new Set(formerSets.join(''))) {
      assert.equal(escapeMarkdown(`a${c}b`), `a\\${c}b`, `${c} is escaped`);
      assert.equal(visibleText(render(escapeMarkdown(`a${c}${c}b${c}`))).trim(), `a${c}${c}b${c}`);
    }
  });

  it('turns control characters and Unicode line separators into spaces', () => {
    assert.equal(escapeMarkdown('a\u0000b\u001bc\u007fd\u2028e\u2029f\r\ng'), 'a b c d e f g');
  });

  describe('escapeMarkdownParagraphs', () => {
    it('keeps paragraphs apart and renders each as exactly its text', () => {
      const text = `First ${HOSTILE}\n\nSecond **not bold** [x](https://evil.example)\n \nThird.`;
      const markdown = escapeMarkdownParagraphs(text);
      const tokens = new Lexer().lex(markdown).filter((t) => t.type !== 'space');
      assert.deepEqual(
        tokens.map((t) => t.type),
        ['paragraph', 'paragraph', 'paragraph'],
      );
      const html = render(markdown);
      assert.deepEqual(hrefs(html), []);
      assert.doesNotMatch(html, /<(img|script|strong|em|code|del|h\d|table|a)\b/);
      assert.equal(visibleText(html).trim(), `First ${HOSTILE}\nSecond **not bold** [x](https://evil.example)\nThird.`);
    });

    it('lets no paragraph start a heading, list, quote, rule, table or indented code block', () => {
      const text = ['# Heading', '- item', '> quote', '---', '1. one', '| a | b |\n|---|---|', '    code', '=== '].join(
        '\n\n',
      );
      const html = render(escapeMarkdownParagraphs(text));
      assert.doesNotMatch(html, /<(h\d|ul|ol|li|blockquote|hr|table|pre|code)\b/);
      assert.equal((html.match(/<p>/g) ?? []).length, 8);
    });

    it('drops empty paragraphs', () => {
      assert.equal(escapeMarkdownParagraphs('\n\n  \n\nOnly one.\n\n\n\n'), 'Only one\\.');
      assert.equal(escapeMarkdownParagraphs(''), '');
    });
  });
});
