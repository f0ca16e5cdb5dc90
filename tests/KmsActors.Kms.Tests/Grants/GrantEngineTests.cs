using Akka.Actor;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Model;
using KmsActors.Kms.Tests.Engine;
using KmsActors.Kms.Routing;

namespace KmsActors.Kms.Tests.Grants;

/// <summary>Grants end to end through <see cref="KmsEngine"/>: engine → region → key actors, on virtual time.
/// The app, ops and stranger principals are listed in kms.iam without policies: what they may do, only grants give them.</summary>
public sealed class GrantEngineTests() : EngineTestBase("""
    kms.iam.principals = [
      { arn = "arn:aws:iam::111122223333:role/app" }
      { arn = "arn:aws:iam::111122223333:role/ops" }
      { arn = "arn:aws:iam::111122223333:user/stranger" }
    ]
    """)
{
    private const string Account = "111122223333";
    private const string App = "arn:aws:iam::111122223333:role/app";
    private const string Ops = "arn:aws:iam::111122223333:role/ops";
    private static readonly CallerIdentity AppSession = new(Account, "arn:aws:sts::111122223333:assumed-role/app/worker");
    private static readonly CallerIdentity OpsCaller = new(Account, Ops);
    private static readonly CallerIdentity Stranger = new(Account, "arn:aws:iam::111122223333:user/stranger");

    private async Task<string> NewKey() => (await Engine.CreateKey(new CreateKeyRequest())).KeyMetadata!.KeyId!;

    private Task<CreateGrantResponse> Grant(string keyId, string? retiring = null, string? name = null, params GrantOperation[] operations) =>
        Engine.CreateGrant(new CreateGrantRequest
        {
            KeyId = keyId,
            GranteePrincipal = App,
            RetiringPrincipal = retiring,
            Name = name,
            Operations = operations.Length == 0 ? [GrantOperation.Encrypt, GrantOperation.Decrypt] : operations,
        });

    private async Task<IReadOnlyList<GrantListEntry>> Grants(string keyId) =>
        (await Engine.ListGrants(new ListGrantsRequest { KeyId = keyId })).Grants!;

    private async Task<IReadOnlyList<string>> Retirable(string principal) =>
        (await Engine.ListRetirableGrants(new ListRetirableGrantsRequest { RetiringPrincipal = principal })).Grants!.Select(g => g.GrantId!).ToList();

    [Fact]
    public async Task a_created_grant_is_listed_with_its_parameters_and_revoking_removes_it()
    {
        var keyId = await NewKey();
        var created = await Grant(keyId, retiring: Ops, name: "app");

        var entry = Assert.Single(await Grants(keyId));
        Assert.Equal((created.GrantId, "app", App, Ops, $"arn:aws:iam::{Account}:root", EngineNow),
            (entry.GrantId, entry.Name, entry.GranteePrincipal, entry.RetiringPrincipal, entry.IssuingAccount, entry.CreationDate));
        Assert.Equal([GrantOperation.Encrypt, GrantOperation.Decrypt], entry.Operations);

        await Engine.RevokeGrant(new RevokeGrantRequest { KeyId = keyId, GrantId = created.GrantId });

        Assert.Empty(await Grants(keyId));
        Assert.Empty(await Retirable(Ops));
    }

    [Fact]
    public async Task create_grant_with_a_name_is_idempotent_through_the_engine()
    {
        var keyId = await NewKey();

        var first = await Grant(keyId, name: "retry-me");
        var second = await Grant(keyId, name: "retry-me");

        Assert.Equal(first.GrantId, second.GrantId);
        Assert.NotEqual(first.GrantToken, second.GrantToken);
        Assert.Single(await Grants(keyId));
    }

    [Fact]
    public async Task retire_grant_by_token_alone_reaches_the_key_and_removes_the_grant()
    {
        var keyId = await NewKey();
        var created = await Grant(keyId, retiring: Ops);

        await Engine.RetireGrant(new RetireGrantRequest { GrantToken = created.GrantToken }, OpsCaller);

        Assert.Empty(await Grants(keyId));
    }

    [Fact]
    public async Task the_retiring_principal_the_grantee_with_retire_grant_and_the_account_may_retire_others_may_not()
    {
        var keyId = await NewKey();
        var forOps = await Grant(keyId, retiring: Ops);
        var withRetire = await Grant(keyId, operations: [GrantOperation.Encrypt, GrantOperation.RetireGrant]);
        var forAccount = await Grant(keyId);

        var denied = await AssertRefused(() => Engine.RetireGrant(new RetireGrantRequest { KeyId = keyId, GrantId = forAccount.GrantId }, AppSession),
            "AccessDeniedException");
        Assert.StartsWith($"User: {AppSession.PrincipalArn} is not authorized to perform: kms:RetireGrant on resource: arn:aws:kms:us-east-1:{Account}:key/{keyId}", denied.Message);
        await AssertRefused(() => Engine.RetireGrant(new RetireGrantRequest { GrantToken = forOps.GrantToken }, Stranger), "AccessDeniedException");

        await Engine.RetireGrant(new RetireGrantRequest { GrantToken = forOps.GrantToken }, OpsCaller);
        await Engine.RetireGrant(new RetireGrantRequest { KeyId = keyId, GrantId = withRetire.GrantId }, AppSession);
        await Engine.RetireGrant(new RetireGrantRequest { KeyId = keyId, GrantId = forAccount.GrantId }); // the account's root

        Assert.Empty(await Grants(keyId));
    }

    [Fact]
    public async Task list_retirable_grants_spans_the_region_s_keys_and_pages()
    {
        var first = await NewKey();
        var second = await NewKey();
        var ids = new List<string>();
        foreach (var keyId in new[] { first, second, first })
            ids.Add((await Grant(keyId, retiring: Ops)).GrantId!);
        await Grant(second); // no retiring principal: not listed

        var page1 = await Engine.ListRetirableGrants(new ListRetirableGrantsRequest { RetiringPrincipal = Ops, Limit = 2 });
        var page2 = await Engine.ListRetirableGrants(new ListRetirableGrantsRequest { RetiringPrincipal = Ops, Marker = page1.NextMarker });

        Assert.True(page1.Truncated);
        Assert.False(page2.Truncated);
        var listed = page1.Grants!.Concat(page2.Grants!).ToList();
        Assert.Equal(ids.Order(), listed.Select(g => g.GrantId!).Order());
        Assert.Equal(listed.Select(g => g.KeyId).Order(StringComparer.Ordinal), listed.Select(g => g.KeyId)); // key order
        Assert.Empty(await Retirable(App));
    }

    [Fact]
    public async Task an_invalid_grant_token_is_refused_and_an_unknown_grant_is_not_found()
    {
        var keyId = await NewKey();

        await AssertRefused(() => Engine.RetireGrant(new RetireGrantRequest { GrantToken = "not-a-token" }), "InvalidGrantTokenException", "Invalid grant token.");
        await AssertRefused(() => Engine.RevokeGrant(new RevokeGrantRequest { KeyId = keyId, GrantId = new string('c', 64) }), "NotFoundException");
    }

    [Fact]
    public async Task grants_and_the_retirable_index_survive_a_restart_of_the_key_and_of_the_region()
    {
        var keyId = await NewKey();
        var created = await Grant(keyId, retiring: Ops);
        var key = await KeyActor(keyId);
        var region = await Sys.ActorSelection($"/user/{KmsEngineActor.Name}/{Account}-{UsEast1}").ResolveOne(TimeSpan.FromSeconds(5));
        Watch(key);
        Watch(region);

        region.Tell(PoisonPill.Instance); // its key actors stop with it
        await ExpectTerminatedAsync(key);
        await ExpectTerminatedAsync(region);

        Assert.Equal([created.GrantId!], await Retirable(Ops));
        Assert.Equal(created.GrantId, Assert.Single(await Grants(keyId)).GrantId);
    }

    [Fact]
    public async Task a_recovering_key_with_grants_restores_a_retirable_entry_the_region_lost()
    {
        var keyId = await NewKey();
        var created = await Grant(keyId, retiring: Ops);
        var key = await KeyActor(keyId);
        var region = await Sys.ActorSelection($"/user/{KmsEngineActor.Name}/{Account}-{UsEast1}").ResolveOne(TimeSpan.FromSeconds(5));
        region.Tell(new KmsActors.Kms.Keys.RetirableGrantsChanged(keyId, [], [], [])); // as if the region's write had been lost
        await RelatedKeysSynchronized();
        Assert.Empty(await Retirable(Ops));
        Watch(key);

        key.Tell(PoisonPill.Instance);
        await ExpectTerminatedAsync(key);
        await Grants(keyId); // wakes the key: it recovers and reports its retirable grants

        await RelatedKeysSynchronized(); // the recovered key's report reaches its region
        Assert.Equal([created.GrantId!], await Retirable(Ops));
    }

    [Fact]
    public async Task a_deleted_key_takes_its_grants_with_it()
    {
        var keyId = await NewKey();
        await Grant(keyId, retiring: Ops);

        await Engine.ScheduleKeyDeletion(new ScheduleKeyDeletionRequest { KeyId = keyId, PendingWindowInDays = 7 });
        await AdvanceAsync(TimeSpan.FromDays(7));

        Assert.Empty(await Retirable(Ops));
        await AssertRefused(() => Engine.ListGrants(new ListGrantsRequest { KeyId = keyId }), "NotFoundException");
    }

    [Fact]
    public async Task create_grant_audit_logs_the_grant_id_but_no_grant_token()
    {
        var keyId = await NewKey();
        var created = await Engine.CreateGrant(new CreateGrantRequest
        {
            KeyId = keyId, GranteePrincipal = App, Operations = [GrantOperation.Decrypt], GrantTokens = ["earlier-token"],
        });

        var audit = await SingleAudit("CreateGrant");
        var json = KmsActors.Kms.Audit.AuditJson.Render(audit);
        Assert.Contains(created.GrantId!, json);
        Assert.DoesNotContain(created.GrantToken!, json);
        Assert.DoesNotContain("earlier-token", json);
        Assert.Equal(App, audit.RequestParameters!["granteePrincipal"]);
    }
}
