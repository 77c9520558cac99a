import type { ActionHandlers } from "../generated/index.js";

export const sendMessageAction: ActionHandlers["sendMessage"] = async (
  props,
) => {
  // TODO: implement the 'sendMessage' action and return its output.
  // props holds input, configuration, ctx, client and logger.
  void props;
  throw new Error("The sendMessage action is not implemented yet.");
};
