import { Controller, Get, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import {
  ChangeOperatorRole,
  CreateApiKey,
  GetLagoSettings,
  GetOrganization,
  InviteOperator,
  ListOperators,
  RemoveOperator,
  RevokeApiKey,
  UpdateLagoSettings,
  UpdateOrganization,
  operatorEmailSchema,
  operatorRoleSchema,
  portalSettingsOf,
  type OrganizationView,
} from '@portico/contracts';
import { Inject } from '@nestjs/common';
import { ServiceClient } from '@portico/messaging';
import type { FastifyReply } from 'fastify';
import { ActivityRecorder } from '../activity/activity-recorder';
import { ConsoleSessionGuard, Roles } from '../auth/console-session.guard';
import { ConsoleSessionCache } from '../caching/console-session-cache';
import { OrganizationCache } from '../caching/organization-cache';
import { formOf, sessionOf, type ConsoleRequest } from '../auth/console-request';
import { ConsoleConfig } from '../config/console.config';
import { ConsolePageError } from '../errors/console-errors';
import { ConsoleErrorFilter } from '../errors/console-error.filter';
import { ConsolePages } from '../rendering/console-pages';
import { languageOptions } from '../rendering/ui-language';
import {
  describeChanges,
  describeLagoChange,
  lagoChangesFrom,
  organizationChangesFrom,
} from './settings-form';
import {
  describePortalSettingsChange,
  portalSettingsChangesFrom,
  portalSettingsView,
} from './portal-settings-form';
import { portalPreview } from './portal-preview';

const ROLES = ['admin', 'member', 'viewer'] as const;

/** Organization settings, API keys and members: admins only. */
@UseGuards(ConsoleSessionGuard)
@UseFilters(ConsoleErrorFilter)
@Roles('admin')
@Controller('settings')
export class SettingsController {
  constructor(
    private readonly rpc: ServiceClient,
    private readonly pages: ConsolePages,
    private readonly activity: ActivityRecorder,
    private readonly organizations: OrganizationCache,
    private readonly sessions: ConsoleSessionCache,
    @Inject(ConsoleConfig) private readonly config: ConsoleConfig,
  ) {}

  @Get()
  async page(@Req() request: ConsoleRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.renderSettings(request, reply, {});
  }

  @Post()
  async update(@Req() request: ConsoleRequest, @Res() reply: FastifyReply): Promise<void> {
    const session = sessionOf(request);
    const organizationId = session.operator.organization_id;
    const changes = organizationChangesFrom(formOf(request));
    if (!changes.success) {
      const fields = changes.error.issues.map((i) => String(i.path[0]));
      return this.renderSettings(request, reply, { invalid: [...new Set(fields)] }, 422);
    }
    const { organization: before } = await this.rpc.call(GetOrganization, {
      organization_id: organizationId,
    });
    const { organization: after } = await this.rpc.call(UpdateOrganization, {
      organization_id: organizationId,
      changes: changes.data,
    });
    this.organizations.forget(organizationId);
    const described = describeChanges(before, after);
    if (described)
      await this.activity.record(session, { action: 'organization.updated', ...described });
    void reply.redirect('/settings?saved=1', 303);
  }

  /** The Lago bridge: where Lago posts, and the keys its deliveries are checked with. */
  @Post('lago')
  async updateLago(@Req() request: ConsoleRequest, @Res() reply: FastifyReply): Promise<void> {
    const session = sessionOf(request);
    const organizationId = session.operator.organization_id;
    const changes = lagoChangesFrom(formOf(request));
    if (!changes.success) {
      const fields = changes.error.issues.map((i) => String(i.path[0]));
      return this.renderSettings(request, reply, { invalid: [...new Set(fields)] }, 422);
    }
    const { lago: before } = await this.rpc.call(GetLagoSettings, {
      organization_id: organizationId,
    });
    const { lago: after } = await this.rpc.call(UpdateLagoSettings, {
      organization_id: organizationId,
      changes: changes.data,
    });
    await this.activity.record(session, {
      action: 'organization.lago_updated',
      ...describeLagoChange(before, after),
    });
    void reply.redirect('/settings?saved=1', 303);
  }

  /** What customers may do in the portal: which details they may edit, whether they may top up. */
  @Post('portal')
  async updatePortal(@Req() request: ConsoleRequest, @Res() reply: FastifyReply): Promise<void> {
    const session = sessionOf(request);
    const organizationId = session.operator.organization_id;
    const changes = portalSettingsChangesFrom(formOf(request));
    if (!changes.success) {
      const fields = changes.error.issues.map((i) => String(i.path[0]));
      return this.renderSettings(request, reply, { invalid: [...new Set(fields)] }, 422);
    }
    const { organization: before } = await this.rpc.call(GetOrganization, {
      organization_id: organizationId,
    });
    const { organization: after } = await this.rpc.call(UpdateOrganization, {
      organization_id: organizationId,
      changes: { portal_settings: changes.data },
    });
    this.organizations.forget(organizationId);
    await this.activity.record(session, {
      action: 'organization.updated',
      ...describePortalSettingsChange(portalSettingsOf(before), portalSettingsOf(after)),
    });
    void reply.redirect('/settings?saved=1', 303);
  }

  @Post('api-keys')
  async createKey(@Req() request: ConsoleRequest, @Res() reply: FastifyReply): Promise<void> {
    const session = sessionOf(request);
    const { api_key, key } = await this.rpc.call(CreateApiKey, {
      organization_id: session.operator.organization_id,
    });
    await this.activity.record(session, { action: 'api_key.created', subject: api_key.prefix });
    // Shown this once, on this response only (no-store): only its hash is kept.
    await this.renderSettings(request, reply, { newKey: key });
  }

  @Post('api-keys/:id/revoke')
  async revokeKey(
    @Req() request: ConsoleRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
  ): Promise<void> {
    const session = sessionOf(request);
    if (id.length > 100) throw new ConsolePageError(404, 'not_found');
    const { api_key } = await this.rpc.call(RevokeApiKey, {
      organization_id: session.operator.organization_id,
      api_key_id: id,
    });
    await this.activity.record(session, {
      action: 'api_key.revoked',
      subject: api_key.prefix,
      before: 'active',
      after: 'revoked',
    });
    void reply.redirect('/settings?revoked=1', 303);
  }

  @Get('members')
  async members(@Req() request: ConsoleRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.renderMembers(request, reply, {});
  }

  @Post('members')
  async invite(@Req() request: ConsoleRequest, @Res() reply: FastifyReply): Promise<void> {
    const session = sessionOf(request);
    const form = formOf(request);
    const email = operatorEmailSchema.safeParse(form.email ?? '');
    const role = operatorRoleSchema.safeParse(form.role);
    if (!email.success || !role.success)
      return this.renderMembers(request, reply, { invalid: true }, 422);
    const { operator, setup } = await this.rpc.call(InviteOperator, {
      organization_id: session.operator.organization_id,
      email: email.data,
      role: role.data,
    });
    await this.activity.record(session, {
      action: 'operator.invited',
      subject: operator.email,
      after: operator.role,
    });
    await this.renderMembers(request, reply, {
      link: { email: operator.email, url: `${this.config.publicUrl}/set-password/${setup.token}` },
    });
  }

  @Post('members/:id/role')
  async changeRole(
    @Req() request: ConsoleRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
  ): Promise<void> {
    const session = sessionOf(request);
    const role = operatorRoleSchema.safeParse(formOf(request).role);
    if (!role.success || id.length > 100) throw new ConsolePageError(422, 'invalid');
    const { operator, previous_role } = await this.rpc.call(ChangeOperatorRole, {
      organization_id: session.operator.organization_id,
      operator_id: id,
      role: role.data,
    });
    this.sessions.forgetOperator(session.operator.organization_id, id);
    await this.activity.record(session, {
      action: 'operator.role_changed',
      subject: operator.email,
      before: previous_role,
      after: operator.role,
    });
    void reply.redirect('/settings/members?saved=1', 303);
  }

  @Post('members/:id/remove')
  async remove(
    @Req() request: ConsoleRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
  ): Promise<void> {
    const session = sessionOf(request);
    if (formOf(request).confirm !== 'yes' || id.length > 100)
      throw new ConsolePageError(422, 'invalid');
    const { operator } = await this.rpc.call(RemoveOperator, {
      organization_id: session.operator.organization_id,
      operator_id: id,
    });
    this.sessions.forgetOperator(session.operator.organization_id, id);
    await this.activity.record(session, {
      action: 'operator.removed',
      subject: operator.email,
      before: operator.role,
    });
    void reply.redirect('/settings/members?removed=1', 303);
  }

  /**
   * "Preview": the settings page with the submitted fields in the form and in the portal preview,
   * nothing saved. The preview shows the saved settings otherwise, so it follows every save.
   */
  @Post('preview')
  async preview(@Req() request: ConsoleRequest, @Res() reply: FastifyReply): Promise<void> {
    const changes = organizationChangesFrom(formOf(request));
    if (!changes.success) {
      const fields = changes.error.issues.map((i) => String(i.path[0]));
      return this.renderSettings(request, reply, { invalid: [...new Set(fields)] }, 422);
    }
    // The preview is of the organization form only; portal settings have their own form.
    const { portal_settings: _portalSettings, ...unsaved } = changes.data;
    await this.renderSettings(request, reply, { previewing: true }, 200, unsaved);
  }

  private async renderSettings(
    request: ConsoleRequest,
    reply: FastifyReply,
    extra: Record<string, unknown>,
    status = 200,
    unsaved: Partial<Omit<OrganizationView, 'portal_settings'>> = {},
  ): Promise<void> {
    const organizationId = sessionOf(request).operator.organization_id;
    const [{ organization: saved }, { lago }] = await Promise.all([
      this.rpc.call(GetOrganization, { organization_id: organizationId }),
      this.rpc.call(GetLagoSettings, { organization_id: organizationId }),
    ]);
    const organization: OrganizationView = {
      ...saved,
      ...Object.fromEntries(Object.entries(unsaved).filter(([, value]) => value !== undefined)),
    };
    const preview = portalPreview(organization, (key, lang) => this.pages.translate(key, lang));
    const query = request.query as Record<string, string | undefined>;
    this.pages.send(
      request,
      reply,
      'settings',
      {
        nav: 'settings',
        org: settingsView(organization),
        preview: preview.view,
        lago: {
          // The gateway's address, as the admin API shows it: Lago posts there, not here.
          webhookUrl: `${this.config.portalPublicUrl}/webhooks/lago/${organizationId}`,
          hmacKeySet: lago.hmac_key_set,
          rsaPublicKey: lago.rsa_public_key ?? '',
          apiUrl: lago.api_url,
        },
        languages: languageOptions(organization.default_document_locale),
        portal: portalSettingsView(organization),
        saved: query.saved === '1',
        keyRevoked: query.revoked === '1',
        ...extra,
      },
      status,
      preview.csp,
    );
  }

  private async renderMembers(
    request: ConsoleRequest,
    reply: FastifyReply,
    extra: Record<string, unknown>,
    status = 200,
  ): Promise<void> {
    const session = sessionOf(request);
    const { operators } = await this.rpc.call(ListOperators, {
      organization_id: session.operator.organization_id,
    });
    const query = request.query as Record<string, string | undefined>;
    this.pages.send(
      request,
      reply,
      'members',
      {
        nav: 'members',
        members: operators.map((o) => ({
          ...o,
          isSelf: o.id === session.operator.id,
          roles: ROLES.map((r) => ({
            value: r,
            label: `console.roles.${r}`,
            selected: r === o.role,
          })),
          roleLabel: `console.roles.${o.role}`,
        })),
        roles: ROLES.map((r) => ({ value: r, label: `console.roles.${r}` })),
        saved: query.saved === '1',
        removed: query.removed === '1',
        ...extra,
      },
      status,
    );
  }
}

function settingsView(organization: OrganizationView) {
  return {
    name: organization.name,
    displayName: organization.display_name ?? '',
    brandColor: organization.brand_color ?? '',
    logoUrl: organization.logo_url ?? '',
    embedOrigins: organization.embed_origins.join('\n'),
    apiKeys: organization.api_keys.map((k) => ({
      id: k.id,
      prefix: k.prefix,
      createdAt: k.created_at.slice(0, 10),
      lastUsedAt: k.last_used_at?.slice(0, 16).replace('T', ' ') ?? null,
    })),
  };
}
