import { decodeHtmlEntities, markdownToPlainText } from '../markdown-text';

describe('markdownToPlainText', () => {
  it.each([
    ['- David J. Malan [(YouTube)](https://www.youtube.com/x)', '- David J. Malan (YouTube)'],
    ['(progate) *(account required)*', '(progate) (account required)'],
    [':card_file_box: *archived*', 'archived'],
    ['Data Structures \\| Python', 'Data Structures | Python'],
    ['snake_case and _emphasis_', 'snake_case and emphasis'],
    ['Video length 7:13:56', 'Video length 7:13:56'],
    ['See also &#8230; C\\#', 'See also … C#'],
  ])('%s → %s', (markdown, text) => {
    expect(markdownToPlainText(markdown)).toBe(text);
  });

  it('decodes named and numeric entities and leaves unknown ones', () => {
    expect(decodeHtmlEntities('&amp; &#x41; &bogus;')).toBe('& A &bogus;');
  });
});
