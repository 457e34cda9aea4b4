/** 用户 Users on the desk (admins): invite, change roles, revoke sessions and tokens. */
import { ROLES, type User } from '../../../learner/model.js';
import { deskActionPath, deskPath, loginPath } from '../../paths.js';
import type { SiteChrome } from '../layout.js';
import { CsrfField, DeskLayout, type DeskViewer } from './layout.js';

export interface UsersViewProps {
  chrome: SiteChrome;
  viewer: DeskViewer;
  users: User[];
  done?: string;
  /** Just invited: the account and its temporary password, shown this once. */
  invited?: { user: User; password: string };
}

export function UsersView({ chrome, viewer, users, done, invited }: UsersViewProps) {
  return (
    <DeskLayout chrome={chrome} viewer={viewer} title="用户 Users" path={deskPath('users')} area="users">
      <h1>
        用户 <span lang="en">Users</span>
      </h1>
      {done && (
        <p class="desk-done" role="status">
          {done}
        </p>
      )}
      {invited && (
        <div class="desk-invited" role="status">
          <p>
            已创建 {invited.user.email}（{invited.user.role}
            ）。临时密码只显示这一次，请交给对方，登录后在账户页修改：{' '}
            <span lang="en">
              Created {invited.user.email} ({invited.user.role}). The temporary password is shown only this
              once: hand it over; they log in at {loginPath()} and change it on their account page.
            </span>
          </p>
          <p>
            <code class="desk-password">{invited.password}</code>
          </p>
        </div>
      )}
      <table class="desk-users">
        <thead>
          <tr>
            <th>Email</th>
            <th>角色 Role</th>
            <th>创建 Created</th>
            <th>撤销 Revoke</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr data-user={user.id}>
              <td>{user.email}</td>
              <td>
                <form method="post" action={deskActionPath('users', user.id, 'role')} class="desk-inline">
                  <CsrfField viewer={viewer} />
                  <select name="role">
                    {ROLES.map((role) => (
                      <option value={role} selected={role === user.role}>
                        {role}
                      </option>
                    ))}
                  </select>{' '}
                  <button type="submit">改 Change</button>
                </form>
              </td>
              <td>{user.createdAt.slice(0, 10)}</td>
              <td>
                <form method="post" action={deskActionPath('users', user.id, 'revoke')} class="desk-inline">
                  <CsrfField viewer={viewer} />
                  <button type="submit">撤销所有会话和令牌 Revoke sessions and tokens</button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>
        邀请 <span lang="en">Invite</span>
      </h2>
      <form method="post" action={deskPath('users')}>
        <CsrfField viewer={viewer} />
        <label>
          Email <input name="email" type="email" required maxLength={254} />
        </label>{' '}
        <label>
          角色 Role{' '}
          <select name="role">
            {ROLES.map((role) => (
              <option value={role} selected={role === 'editor'}>
                {role}
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="submit">创建账户 Create account</button>
      </form>
    </DeskLayout>
  );
}
