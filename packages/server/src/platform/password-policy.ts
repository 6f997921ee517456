import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import { checkPasswordPolicy, PASSWORD_MAX_LENGTH, type PasswordOwner } from '@jinguo/domain';

/** zxcvbn's "safely unguessable" score (about 10^8 guesses and up); below it a password is refused. */
export const MIN_PASSWORD_SCORE = 3;

/** Words anyone attacking this system tries first, next to the owner's own. */
const SITE_WORDS = ['jinguo', 'fulian', 'funv', '巾帼', '妇联'];

const COMMON_MESSAGE = '密码过于常见，请换一个';
export const GUESSABLE_MESSAGE = '密码容易被猜中（常见单词、姓名、日期或其简单变形），请换一个更长、更随机的密码';

// Built once, on first use: the dictionaries take a few tens of milliseconds to load.
let zxcvbn: ZxcvbnFactory | null = null;

/**
 * Every reason a password may not be chosen: the shared rules (length 12–128, classes, common list, runs, the
 * owner's username/name/unit) and a dictionary score from @zxcvbn-ts with its common-language lists, which also
 * counts the owner's details and this site's name as guessable words. Empty: acceptable.
 */
export function passwordProblems(password: string, owner: PasswordOwner): string[] {
  const problems = checkPasswordPolicy(password, owner);
  // Too long is already a reason; scoring it would only cost time.
  if (password.length > PASSWORD_MAX_LENGTH) return problems;
  zxcvbn ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
  const inputs = [owner.username, owner.displayName, owner.orgName, owner.orgCode, ...SITE_WORDS].filter((w): w is string => !!w);
  const { score } = zxcvbn.check(password, inputs);
  if (score < MIN_PASSWORD_SCORE && !problems.includes(COMMON_MESSAGE)) problems.push(GUESSABLE_MESSAGE);
  return problems;
}
