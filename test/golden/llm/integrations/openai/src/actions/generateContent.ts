import type { ActionHandlers } from '../generated/index.js';

export const generateContentAction: ActionHandlers['generateContent'] = async (props) => {
  // TODO: implement the 'generateContent' action and return its output.
  // props holds input, configuration, ctx, client and logger.
  void props;
  throw new Error('The generateContent action is not implemented yet.');
};
