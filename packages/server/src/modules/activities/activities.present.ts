import type * as repo from './activities.repository.js';

export function presentCourseRow(c: Awaited<ReturnType<typeof repo.listCoursesAfter>>[number]) {
  return {
    id: c.id,
    title: c.title,
    category: c.category,
    ownerOrgId: c.ownerOrgId,
    ownerOrgName: c.ownerOrgName,
    startDate: c.startDate,
    endDate: c.endDate,
    partner: c.partner,
    sessions: Number(c.sessions),
    attendees: Number(c.attendees),
    trainees: Number(c.trainees),
    reemployed: Number(c.reemployed),
    startedBusiness: Number(c.startedBusiness),
  };
}

export function presentSession(s: Awaited<ReturnType<typeof repo.listSessions>>[number]) {
  return {
    id: s.id,
    courseId: s.courseId,
    topic: s.topic,
    sessionDate: s.sessionDate,
    endDate: s.endDate,
    hours: Number(s.hours),
    teacher: s.teacher,
    venue: s.venue,
    attendeeMode: s.attendeeMode,
    attendeeCount: Number(s.attendeeCount),
    groupCounts: JSON.parse(s.groupCounts) as Record<string, number>,
    trainees: Number(s.trainees ?? 0),
  };
}

export function presentTrainee(t: Awaited<ReturnType<typeof repo.findTrainee>> & object) {
  return {
    id: t.id,
    sessionId: t.sessionId,
    name: t.name,
    gender: t.gender,
    idNumberMasked: t.idNumberMasked,
    phoneMasked: t.phoneMasked,
    personId: t.personId,
    attended: t.attended === 1,
    outcome: t.outcome,
    outcomeDate: t.outcomeDate,
    outcomeNote: t.outcomeNote,
  };
}

export function presentPublicity(p: Awaited<ReturnType<typeof repo.listPublicityAfter>>[number]) {
  return {
    id: p.id,
    outlet: p.outlet,
    medium: p.medium,
    level: p.level,
    title: p.title,
    publishedOn: p.publishedOn,
    link: p.link,
    ownerOrgId: p.ownerOrgId,
    ownerOrgName: p.ownerOrgName,
    eventId: p.eventId,
  };
}
