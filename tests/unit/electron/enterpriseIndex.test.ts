import { describe, expect, it } from 'vitest';
import { gramsOf, gramsText, nameKeys } from '../../../electron/services/enterpriseIndex';

describe('pinyin sort key and initials', () => {
  it('gives toneless lowercase syllables per character and their initials', () => {
    expect(nameKeys('湘潭市雨湖区')).toEqual({ pinyin: 'xiang tan shi yu hu qu', initials: 'xtsyhq' });
    expect(nameKeys('湘潭县花石镇张记饭店').initials).toBe('xtxhszzjfd');
  });

  it('reads polyphones in context, including place names the segmenter would split wrongly', () => {
    expect(nameKeys('长沙银行').pinyin).toBe('chang sha yin hang');
    expect(nameKeys('雨湖区长沙银行').pinyin).toBe('yu hu qu chang sha yin hang');
    expect(nameKeys('重庆小面').pinyin).toBe('chong qing xiao mian');
    expect(nameKeys('吕记米粉').pinyin).toBe('lv ji mi fen');
  });

  it('keeps letters and digits (lowercased) and drops spaces', () => {
    expect(nameKeys('湘潭3C数码 KTV')).toEqual({ pinyin: 'xiang tan 3 c shu ma k t v', initials: 'xt3csmktv' });
    expect(nameKeys('（湘潭）分店').initials).toBe('xtfd');
    expect(nameKeys('   ')).toEqual({ pinyin: '', initials: '' });
  });

  it('sorts like Excel’s pinyin order: character by character', () => {
    const names = ['张家界', '长城', '北京', '阿里', '西安', '先锋', '湘潭', '湘乡', 'ABC商行', '123便利店'];
    const sorted = [...names].sort((a, b) => (nameKeys(a).pinyin < nameKeys(b).pinyin ? -1 : 1));
    expect(sorted).toEqual(['123便利店', 'ABC商行', '阿里', '北京', '长城', '西安', '先锋', '湘潭', '湘乡', '张家界']);
  });
});

describe('bigram index text', () => {
  it('has every character and every neighbouring pair of each run of letters and digits', () => {
    expect(gramsOf('湘潭县')).toEqual(['湘', '湘潭', '潭', '潭县', '县']);
    expect(gramsOf('花石（分店）A1')).toEqual(['花', '花石', '石', '分', '分店', '店', 'a', 'a1', '1']);
    expect(gramsText('易俗河', '天易')).toBe('易 易俗 俗 俗河 河 天 天易 易');
  });
});
