import type { HonourRules } from '@jinguo/domain';
import type * as repo from './honours.repository.js';

export function presentCampaign(c: Awaited<ReturnType<typeof repo.findCampaign>> & object) {
  return {
    id: c.id,
    version: Number(c.version),
    code: c.code,
    name: c.name,
    holderKind: c.holderKind,
    noticeDays: Number(c.noticeDays),
    rules: JSON.parse(c.rules) as HonourRules,
    active: c.active === 1,
    sortOrder: Number(c.sortOrder),
  };
}

export function presentNomination(n: repo.NominationRow) {
  return {
    id: n.id,
    campaignId: n.campaignId,
    campaignCode: n.campaignCode,
    campaignName: n.campaignName,
    level: n.level,
    year: Number(n.year),
    ownerOrgId: n.ownerOrgId,
    ownerOrgName: n.ownerOrgName,
    holderKind: n.holderKind,
    holderName: n.holderName,
    holderOrgId: n.holderOrgId,
    holderGender: n.holderGender,
    womenCount: n.womenCount == null ? null : Number(n.womenCount),
    memberCount: n.memberCount == null ? null : Number(n.memberCount),
    leaderFemale: n.leaderFemale == null ? null : n.leaderFemale === 1,
    deeds: n.deeds,
    nominatedOn: n.nominatedOn,
    status: n.status,
    reviewOrgId: n.reviewOrgId,
    reviewOrgName: n.reviewOrgName ?? null,
    noticeStart: n.noticeStart,
    noticeEnd: n.noticeEnd,
    decisionReason: n.decisionReason,
    awardId: n.awardId,
  };
}

export function presentAward(a: Awaited<ReturnType<typeof repo.findAward>> & object) {
  return {
    id: a.id,
    campaignId: a.campaignId,
    campaignName: a.campaignName,
    level: a.level,
    year: Number(a.year),
    awardedOn: a.awardedOn,
    certificateNo: a.certificateNo,
    holderKind: a.holderKind,
    holderName: a.holderName,
    holderOrgId: a.holderOrgId,
    ownerOrgId: a.ownerOrgId,
    ownerOrgName: a.ownerOrgName,
    status: a.status,
    revokedOn: a.revokedOn,
    revokeReason: a.revokeReason,
    nextReviewDue: a.nextReviewDue,
    nominationId: a.nominationId,
  };
}

export function presentPledge(p: Awaited<ReturnType<typeof repo.findPledge>> & object) {
  return {
    id: p.id,
    campaignId: p.campaignId,
    campaignName: p.campaignName,
    ownerOrgId: p.ownerOrgId,
    ownerOrgName: p.ownerOrgName,
    signerName: p.signerName,
    signerPosition: p.signerPosition,
    signerUnit: p.signerUnit,
    signedOn: p.signedOn,
    note: p.note,
  };
}
