import { calendarDayParts, phoneI18n } from '../shared/phone-i18n.ts';

export type TrackLanguage = 'zh-CN' | 'en';

const zhCN = {
  title: '排队进度',
  yourNumber: '您的号码',
  serviceDate: '办理日期',
  session: '办理时段',
  peopleAhead: '前面还有',
  peopleAheadValue: '{n} 人',
  'status.waiting': '等候中',
  'status.called': '请到{window}号窗口办理',
  'status.done': '已办结',
  'status.no-show': '已过号',
  'hint.waiting': '请留意大厅叫号屏和语音提示，本页每 5 秒自动刷新。',
  'hint.next': '下一位就是您，请到等候区留意叫号。',
  'hint.called': '叫到您了，请带好材料尽快前往。',
  'hint.done': '感谢您的耐心等候。',
  evaluate: '评价本次服务',
  'hint.no-show': '您的号码已过号。如仍需办理，请重新取号或到服务台咨询。',
  'unknown.title': '找不到这张号票',
  'unknown.body': '链接可能不完整或已失效。请重新扫描号票上的二维码，或到服务台咨询。',
  loading: '正在查询…',
  offline: '网络不稳定，正在重试；以下为 {time} 的状态。',
  updated: '更新于 {time}（北京时间）',
  switchLanguage: 'English',
  'session.morning': '上午',
  'session.noon': '中午',
  'session.afternoon': '下午',
  'session.evening': '晚间',
  'session.saturday': '上午',
  dateValue: '{year}年{month}月{day}日 {weekday}',
};

type MessageKey = keyof typeof zhCN;

const en: Record<MessageKey, string> = {
  title: 'Queue status',
  yourNumber: 'Your number',
  serviceDate: 'Date',
  session: 'Session',
  peopleAhead: 'People ahead of you',
  peopleAheadValue: '{n}',
  'status.waiting': 'Waiting',
  'status.called': 'Please go to window {window}',
  'status.done': 'Completed',
  'status.no-show': 'Missed',
  'hint.waiting': 'Watch the hall display and listen for your number. This page refreshes every 5 seconds.',
  'hint.next': 'You are next. Please wait in the waiting area.',
  'hint.called': 'It is your turn. Please bring your documents to the window.',
  'hint.done': 'Thank you for your patience.',
  evaluate: 'Rate this service',
  'hint.no-show': 'Your number was called and has passed. Please take a new ticket or ask at the service desk.',
  'unknown.title': 'Ticket not found',
  'unknown.body': 'The link may be incomplete or no longer valid. Scan the QR code on your ticket again, or ask at the service desk.',
  loading: 'Loading…',
  offline: 'The connection is unstable; retrying. Status as of {time}.',
  updated: 'Updated {time} (Beijing time)',
  switchLanguage: '中文',
  'session.morning': 'Morning',
  'session.noon': 'Midday',
  'session.afternoon': 'Afternoon',
  'session.evening': 'Evening',
  'session.saturday': 'Morning',
  dateValue: '{weekday} {day} {monthName} {year}',
};

const CATALOGUES: Record<TrackLanguage, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export const { language, t, chooseLanguage } = phoneI18n({
  // Only the citizen's choice of language is kept on their phone; nothing about the ticket is.
  storageKey: 'kiosk24.track.language',
  catalogues: CATALOGUES,
  speaks: (value): value is TrackLanguage => value === 'zh-CN' || value === 'en',
  fallback: () => 'zh-CN',
});

export function toggleLanguage(): void {
  chooseLanguage(language.value === 'en' ? 'zh-CN' : 'en');
}

/** "2026年11月24日 星期二" / "Tue 24 Nov 2026", for the service day of a ticket ("2026-11-24"). */
export function formatServiceDate(localDate: string): string {
  const parts = calendarDayParts(localDate, language.value);
  return parts ? t('dateValue', parts) : localDate;
}

/** "上午 09:00–12:00"; a session the page does not know is shown by its times alone. */
export function formatSession(session: { id: string; start: string; end: string }): string {
  const key = `session.${session.id}`;
  const name = key in zhCN ? t(key as MessageKey) : '';
  return `${name} ${session.start}–${session.end}`.trim();
}
