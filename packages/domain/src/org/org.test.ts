import { describe, expect, it } from 'vitest';
import { codeProblem, departmentLabel, parentLevelOf, parentProblem, topKindForLevel } from './index.js';

describe('org: levels, codes and parents', () => {
  it('checks a code against its level and the digits its parent’s children share', () => {
    expect(codeProblem('510000', 'PROVINCE', null)).toBeNull();
    expect(codeProblem('510300', 'PROVINCE', null)).toBe('省级代码应以0000结尾（如510000）');
    expect(codeProblem('510300', 'CITY', { code: '510000', level: 'PROVINCE' })).toBeNull();
    expect(codeProblem('510000', 'CITY', null)).toBe('市级代码应以00结尾（如510300）');
    expect(codeProblem('520300', 'CITY', { code: '510000', level: 'PROVINCE' })).toBe('代码应以上级单位代码 51 开头');
    expect(codeProblem('510302', 'DISTRICT', { code: '510300', level: 'CITY' })).toBeNull();
    expect(codeProblem('510402', 'DISTRICT', { code: '510300', level: 'CITY' })).toBe('代码应以上级单位代码 5103 开头');
    expect(codeProblem('51030', 'DISTRICT', null)).toBe('该层级的代码应为6位数字');
    expect(codeProblem('510399100', 'TOWNSHIP', { code: '510399', level: 'DISTRICT' })).toBeNull();
    expect(codeProblem('510398100', 'TOWNSHIP', { code: '510399', level: 'DISTRICT' })).toBe('代码应以上级单位代码 510399 开头');
    expect(codeProblem('12345', null, null)).toBeNull();
  });

  it('nests federations level by level and puts townships under a district or a city without districts', () => {
    const city = { kind: 'federation', level: 'CITY' } as const;
    const district = { kind: 'federation', level: 'DISTRICT' } as const;
    expect(parentProblem({ kind: 'federation', level: 'DISTRICT' }, city)).toBeNull();
    expect(parentProblem({ kind: 'federation', level: 'CITY' }, { kind: 'federation', level: 'PROVINCE' })).toBeNull();
    expect(parentProblem({ kind: 'federation', level: 'CITY' }, city)).toBe('市级妇联之下的妇联层级应为“区（县）”');
    expect(parentProblem({ kind: 'federation', level: null }, district)).toBe('区（县）级妇联之下不能再设妇联（乡镇、街道请选相应类型）');
    expect(parentProblem({ kind: 'township', level: 'TOWNSHIP' }, district)).toBeNull();
    expect(parentProblem({ kind: 'street', level: 'SUBDISTRICT' }, city)).toBeNull();
    expect(parentProblem({ kind: 'township', level: 'TOWNSHIP' }, { kind: 'federation', level: 'PROVINCE' })).toBe(
      '乡镇只能设在区（县）或不设区的市之下',
    );
    expect(parentProblem({ kind: 'village', level: 'VILLAGE' }, city)).toBe('村只能设在乡镇、街道之下');
    expect(parentProblem({ kind: 'department', level: null }, city)).toBeNull();
  });

  it('names the level above, the kind of a top unit, and departments by their federation’s level', () => {
    expect([parentLevelOf('DISTRICT'), parentLevelOf('CITY'), parentLevelOf('PROVINCE'), parentLevelOf('TOWNSHIP')]).toEqual([
      'CITY',
      'PROVINCE',
      null,
      'DISTRICT',
    ]);
    expect([topKindForLevel('CITY'), topKindForLevel('TOWNSHIP')]).toEqual(['federation', 'township']);
    expect([departmentLabel('PROVINCE'), departmentLabel('CITY'), departmentLabel('DISTRICT')]).toEqual([
      '省直部门',
      '市直部门',
      '区级部门',
    ]);
  });
});
