import type { ActionHandlers } from "../generated/index.js";

export const notifyAction: ActionHandlers["notify"] = async (props) => {
  // Implements 'notify' of interface 'notifiable' (interfaces/notifiable.ts in the generated folder).
  // TODO: implement the 'notify' action and return its output.
  // props holds input, configuration, ctx, client and logger.
  void props;
  throw new Error("The notify action is not implemented yet.");
};
