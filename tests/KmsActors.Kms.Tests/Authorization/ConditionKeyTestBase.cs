using System.Text;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Model;
using KmsActors.Kms.Tests.Engine;

namespace KmsActors.Kms.Tests.Authorization;

/// <summary>
/// Engine tests of condition keys (docs/condition-keys.md): each subclass lists roles in kms.iam whose identity policies
/// allow one action under one condition, and proves the key reaches the evaluator with AWS's value: one call allowed,
/// one refused with AWS's AccessDeniedException message (docs/access-control.md), the refused one changing nothing.
/// Keys are created with AWS's default key policy (the account's root, which delegates to IAM), so a role's identity
/// policy decides; where a policy needs the engine's clock, the key policy carries the condition instead.
/// </summary>
public abstract class ConditionKeyTestBase(string hocon) : EngineTestBase(hocon)
{
    protected const string Account = "111122223333";
    protected const string Root = "arn:aws:iam::111122223333:root";

    protected static string Role(string name) => $"arn:aws:iam::{Account}:role/{name}";

    /// <summary>kms.iam.principals listing each ARN with its identity policies (none for a null policy).</summary>
    protected static string Iam(params (string Arn, string? Policy)[] principals)
    {
        var hocon = new StringBuilder("kms.iam.principals = [\n");
        foreach (var (arn, policy) in principals)
            hocon.Append("  { arn = \"").Append(arn).Append('"')
                .Append(policy is null ? "" : ", policies = [\"\"\"" + policy + "\"\"\"]").Append(" }\n");
        return hocon.Append("]\n").ToString();
    }

    /// <summary>An identity policy allowing <paramref name="action"/> on every resource under <paramref name="condition"/>
    /// (the Condition element's JSON object).</summary>
    protected static string Allow(string action, string condition) =>
        $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"{{action}}","Resource":"*","Condition":{{condition}}}]}""";

    /// <summary>AWS's default key policy statement (the account delegates to IAM) and <paramref name="statements"/>.</summary>
    protected static string KeyPolicy(params string[] statements) =>
        """{"Version":"2012-10-17","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}"""
        + string.Concat(statements.Select(static s => "," + s)) + "]}";

    protected static string NoIdentityAllow(string principal, string action, string resource) =>
        $"User: {principal} is not authorized to perform: {action} on resource: {resource} because no identity-based policy allows the {action} action";

    protected static string NoResourceAllow(string principal, string action, string resource) =>
        $"User: {principal} is not authorized to perform: {action} on resource: {resource} because no resource-based policy allows the {action} action";

    protected static string IdentityDeny(string principal, string action, string resource) =>
        $"User: {principal} is not authorized to perform: {action} on resource: {resource} with an explicit deny in an identity-based policy";

    protected static string ResourceDeny(string principal, string action, string resource) =>
        $"User: {principal} is not authorized to perform: {action} on resource: {resource} with an explicit deny in a resource-based policy";

    protected async Task<KeyMetadata> NewKey(CreateKeyRequest? request = null, string? region = null) =>
        (await Engine.CreateKey(request ?? new CreateKeyRequest(), region: region)).KeyMetadata!;

    protected Task<EncryptResponse> EncryptAs(string principal, string keyId, IReadOnlyDictionary<string, string>? context = null) =>
        EncryptAs(As(principal), keyId, context);

    protected Task<EncryptResponse> EncryptAs(CallerIdentity caller, string keyId, IReadOnlyDictionary<string, string>? context = null) =>
        Engine.Encrypt(new EncryptRequest { KeyId = keyId, Plaintext = "hello"u8.ToArray(), EncryptionContext = context }, caller);

    protected async Task<int> KeyCount(string? region = null) =>
        (await Engine.ListKeys(new ListKeysRequest(), region: region)).Keys!.Count;

    protected async Task<IReadOnlyList<GrantListEntry>> Grants(string keyId) =>
        (await Engine.ListGrants(new ListGrantsRequest { KeyId = keyId })).Grants!;
}
