import type { AnswerStatus, TargetMode } from '@jinguo/domain';

// Tables owned by the tasks module (Kysely types, camelCase; the database columns are snake_case).

/** A task sent down by a unit: its form as JSON; a forwarded task names the task and answer it came from. */
export type TasksTable = {
  id: string;
  ownerOrgId: string;
  title: string;
  instructions: string;
  deadline: string;
  fields: string;
  targetMode: TargetMode;
  parentTaskId: string | null;
  parentAnswerId: string | null;
  createdBy: string | null;
  createdAt: string;
};

/** One target unit's answer to a task (one row per target from the moment the task is sent). */
export type TaskAnswersTable = {
  id: string;
  taskId: string;
  orgUnitId: string;
  status: AnswerStatus;
  answerValues: string;
  returnReason: string | null;
  submittedAt: string | null;
  submittedBy: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  updatedAt: string;
};

export type NoticesTable = {
  id: string;
  ownerOrgId: string;
  title: string;
  body: string;
  createdBy: string | null;
  createdAt: string;
};

/** A notice's recipient unit and when it was first read there (the read receipt). */
export type NoticeReceiptsTable = {
  id: string;
  noticeId: string;
  orgUnitId: string;
  readAt: string | null;
  readBy: string | null;
};

export type TaskFilesTable = {
  id: string;
  parentType: 'task' | 'notice';
  parentId: string;
  ownerOrgId: string;
  fileName: string;
  storedName: string;
  mime: string;
  size: number;
  createdBy: string | null;
  createdAt: string;
};

export type TasksTables = {
  tasks: TasksTable;
  taskAnswers: TaskAnswersTable;
  notices: NoticesTable;
  noticeReceipts: NoticeReceiptsTable;
  taskFiles: TaskFilesTable;
};
