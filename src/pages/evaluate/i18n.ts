import { chinaTimeParts, formatChinaDate } from '../../core/china-time.ts';
import { LEVEL_LABELS, reasonLabel, type EvaluationLevel } from '../../core/evaluation.ts';
import { isLanguage, type Language, type Localized } from '../../core/language.ts';
import { beijingDateTimeToMinute, parseInstant } from '../shared/beijing-time.ts';
import { languageOfBrowser, phoneI18n } from '../shared/phone-i18n.ts';

const zhCN = {
  title: '服务评价',
  loading: '正在读取…',
  'subject.ticket': '号票 {reference}',
  'subject.case': '办件 {reference}',
  question: '您对本次服务满意吗？',
  'reasons.title': '请选择不满意的原因（必选）',
  'comment.label': '意见建议（选填）',
  'comment.placeholder': '请写下您的具体意见，便于我们改进',
  'comment.count': '{n}/200',
  submit: '提交评价',
  sending: '正在提交…',
  'needs.level': '请选择评价等级。',
  'needs.reason': '请选择不满意的原因。',
  'thanks.title': '感谢您的评价',
  'already.title': '已评价',
  'already.body': '每项服务只能评价一次。',
  yourLevel: '您的评价',
  reason: '原因',
  comment: '意见建议',
  evaluatedAt: '评价时间',
  'rectification.title': '整改情况',
  'rectification.open': '已转交相关部门整改，将于 {due} 前处理完毕，请稍后再来查看结果。',
  'rectification.overdue': '整改已超过期限（{due}），已督促相关部门尽快处理。',
  'rectification.resolved': '已整改',
  'rectification.resolvedAt': '处理时间：{time}',
  'error.comment-too-long': '意见建议不能超过 200 字。',
  'error.comment-invalid': '意见建议中含有无法识别的字符，请修改后提交。',
  'error.network': '网络不稳定，评价未能提交，请检查网络后重试。',
  'error.other': '评价未能提交，请稍后重试。',
  retry: '重试',
  'unknown.title': '找不到要评价的服务',
  'unknown.body': '链接可能不完整或已失效。请重新扫描号票或办事回执上的二维码。',
  'unreachable.title': '暂时无法读取',
  'unreachable.body': '无法连接服务器，请检查手机网络后重试。',
  timeZone: '（北京时间）',
};

type MessageKey = keyof typeof zhCN;

const zhTW: Record<MessageKey, string> = {
  title: '服務評價',
  loading: '正在讀取…',
  'subject.ticket': '號票 {reference}',
  'subject.case': '辦件 {reference}',
  question: '您對本次服務滿意嗎？',
  'reasons.title': '請選擇不滿意的原因（必選）',
  'comment.label': '意見建議（選填）',
  'comment.placeholder': '請寫下您的具體意見，便於我們改進',
  'comment.count': '{n}/200',
  submit: '提交評價',
  sending: '正在提交…',
  'needs.level': '請選擇評價等級。',
  'needs.reason': '請選擇不滿意的原因。',
  'thanks.title': '感謝您的評價',
  'already.title': '已評價',
  'already.body': '每項服務只能評價一次。',
  yourLevel: '您的評價',
  reason: '原因',
  comment: '意見建議',
  evaluatedAt: '評價時間',
  'rectification.title': '整改情況',
  'rectification.open': '已轉交相關部門整改，將於 {due} 前處理完畢，請稍後再來查看結果。',
  'rectification.overdue': '整改已超過期限（{due}），已督促相關部門盡快處理。',
  'rectification.resolved': '已整改',
  'rectification.resolvedAt': '處理時間：{time}',
  'error.comment-too-long': '意見建議不能超過 200 字。',
  'error.comment-invalid': '意見建議中含有無法辨識的字元，請修改後提交。',
  'error.network': '網路不穩定，評價未能提交，請檢查網路後重試。',
  'error.other': '評價未能提交，請稍後重試。',
  retry: '重試',
  'unknown.title': '找不到要評價的服務',
  'unknown.body': '連結可能不完整或已失效。請重新掃描號票或辦事回執上的二維碼。',
  'unreachable.title': '暫時無法讀取',
  'unreachable.body': '無法連線伺服器，請檢查手機網路後重試。',
  timeZone: '（北京時間）',
};

const en: Record<MessageKey, string> = {
  title: 'Rate our service',
  loading: 'Loading…',
  'subject.ticket': 'Ticket {reference}',
  'subject.case': 'Case {reference}',
  question: 'How satisfied are you with this service?',
  'reasons.title': 'What went wrong? (required)',
  'comment.label': 'Comments (optional)',
  'comment.placeholder': 'Tell us more so that we can improve',
  'comment.count': '{n}/200',
  submit: 'Submit rating',
  sending: 'Sending…',
  'needs.level': 'Please choose a rating.',
  'needs.reason': 'Please choose what went wrong.',
  'thanks.title': 'Thank you for your rating',
  'already.title': 'Already rated',
  'already.body': 'Each service can be rated once.',
  yourLevel: 'Your rating',
  reason: 'Reason',
  comment: 'Comments',
  evaluatedAt: 'Rated on',
  'rectification.title': 'Follow-up',
  'rectification.open': 'Passed to the department responsible, which will deal with it by {due}. Please check back later for the outcome.',
  'rectification.overdue': 'Overdue (due {due}): the department responsible has been reminded to deal with it at once.',
  'rectification.resolved': 'Dealt with',
  'rectification.resolvedAt': 'On {time}',
  'error.comment-too-long': 'Comments can be at most 200 characters.',
  'error.comment-invalid': 'The comments contain characters that cannot be accepted. Please edit them.',
  'error.network': 'The connection is unstable and your rating was not sent. Please check your network and try again.',
  'error.other': 'Your rating could not be sent. Please try again later.',
  retry: 'Try again',
  'unknown.title': 'Service not found',
  'unknown.body': 'The link may be incomplete or no longer valid. Scan the QR code on your ticket or receipt again.',
  'unreachable.title': 'Cannot load right now',
  'unreachable.body': 'The server could not be reached. Check your phone’s connection and try again.',
  timeZone: ' (Beijing time)',
};

const CATALOGUES: Record<Language, Record<MessageKey, string>> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };

export const { language, t, chooseLanguage } = phoneI18n({
  // Only the citizen's choice of language is kept on their phone; nothing about the service is.
  storageKey: 'kiosk24.evaluate.language',
  catalogues: CATALOGUES,
  speaks: isLanguage,
  fallback: () => languageOfBrowser(navigator.language),
});

export function hasMessage(key: string): key is MessageKey {
  return key in zhCN;
}

export const localized = (text: Localized): string => text[language.value];
export const levelText = (level: EvaluationLevel): string => localized(LEVEL_LABELS[level]);
export const reasonText = (code: string): string => {
  const label = reasonLabel(code);
  return label ? localized(label) : code;
};

/** "2026-11-24 10:05（北京时间）" for an instant the server gave. */
export function inBeijingTime(iso: string): string {
  return beijingDateTimeToMinute(parseInstant(iso)) + t('timeZone');
}

/** The working day a rectification is due, from the exclusive end instant the server gives. */
export function dueDay(iso: string): string {
  const parts = chinaTimeParts(Date.parse(iso) - 1);
  return language.value === 'en' ? formatChinaDate(parts) : `${parts.month}月${parts.day}日`;
}
