import { LoginInput, type LoginResult } from '../../../types';
import { action, type FunctionDef } from '../action';
import { USERS } from '../users';

export const userFunction: FunctionDef = {
  login: action({
    input: LoginInput,
    async run(ctx): Promise<LoginResult> {
      const { user } = ctx;
      if (ctx.isNewUser) {
        const { _id, ...data } = user;
        await ctx.db.collection(USERS).doc(_id).set({ data });
      }
      return {
        openid: ctx.openid,
        roles: user.roles,
        ...(user.displayName ? { displayName: user.displayName } : {}),
        ...(user.enterpriseId ? { enterpriseId: user.enterpriseId } : {}),
        ...(user.departmentId ? { departmentId: user.departmentId, departmentCode: user.departmentId } : {}),
      };
    },
  }),
};
