import { mediaCheckMain } from '../platform/wx';

/**
 * Receives security.mediaCheckAsync results through CloudBase 消息推送 (message type `event`, event type
 * `wxa_media_check`, routed to this function). Not an action table: a user calling it is refused.
 */
export const main = mediaCheckMain();
