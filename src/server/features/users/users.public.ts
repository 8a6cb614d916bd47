/** What other features may use of accounts: reading a person, their public and own shapes. */
export {
  claimFirstAdmin,
  findUserByEmail,
  getUser,
  toMeDto,
  toPublicUserDto,
  updateProfile,
} from './users.queries.ts';
