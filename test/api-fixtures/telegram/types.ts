// Hand-made stand-in for the generated types.ts of fixtures/valid/telegram (names from typeNamesOf).
export interface Configuration {
  botToken: string;
}
export interface SendMessageInput {
  chatId: string;
  text: string;
  parseMode?: 'MarkdownV2' | 'HTML';
  disableNotification: boolean;
}
export interface SendMessageInputGiven {
  chatId: string;
  text: string;
  parseMode?: 'MarkdownV2' | 'HTML';
  disableNotification?: boolean;
}
export interface SendMessageOutput {
  messageId: string;
}
export interface GetUserProfileInput {
  userId: string;
}
export interface GetUserProfileOutput {
  user: TelegramUserEntity;
}
export interface TelegramUserEntity {
  id: string;
  username?: string;
  firstName: string;
  lastName?: string;
}
export interface ChannelTextMessage {
  text: string;
}
export interface ChannelMarkdownMessage {
  markdown: string;
}
export interface ChannelImageMessage {
  imageUrl: string;
}
export interface ChannelAudioMessage {
  audioUrl: string;
}
export interface ChannelVideoMessage {
  videoUrl: string;
}
export interface ChannelFileMessage {
  fileUrl: string;
  title?: string;
}
export interface ChannelLocationMessage {
  latitude: number;
  longitude: number;
  address?: string;
  title?: string;
}
export interface CardAction {
  action: 'postback' | 'url' | 'say';
  label: string;
  value: string;
}
export interface ChannelCardMessage {
  title: string;
  subtitle?: string;
  imageUrl?: string;
  actions: CardAction[];
}
export interface ChannelCarouselMessage {
  items: ChannelCardMessage[];
}
export interface ChannelChoiceMessage {
  text: string;
  options: { label: string; value: string }[];
}
export interface ChannelDropdownMessage {
  text: string;
  options: { label: string; value: string }[];
}
export interface MessageReceivedEvent {
  chatId: string;
  text: string;
  from: { id: string; username?: string };
}
export interface LastUpdateIdState {
  updateId: number;
}
export interface ChatInfoState {
  chatType: 'private' | 'group' | 'supergroup' | 'channel';
  title?: string;
}
