using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using Akka.Event;
using KmsActors.Kms.Configuration;

namespace KmsActors.Kms.Policy;

/// <summary>
/// The engine's IAM (one per ActorSystem, in KmsServices): the identity policies of kms.iam.principals, compiled once at
/// start, and compiled key policies shared by every key holding the same policy text (keys created without a policy
/// share their account's default policy string, so 100,000 such keys compile it once). Evaluation itself is
/// <see cref="PolicyEvaluator"/>; which action and condition keys a call carries is the caller's part
/// (docs/access-control.md).
/// </summary>
public sealed class Authorizer
{
    private readonly FrozenDictionary<string, IReadOnlyList<PolicyDocument>> _identityPolicies;
    // Keyed by the policy string instance: a key's policy text lives as long as the key's state, and so does its entry.
    private readonly ConditionalWeakTable<string, PolicyDocument> _keyPolicies = new();
    // By content, for the texts many keys share (each account's default policy): a key recovered from a durable journal
    // holds its own copy of the text, and would compile it again at every activation. Bounded: policies of their own
    // are compiled per key.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, PolicyDocument> _sharedPolicies = new(StringComparer.Ordinal);
    private const int MaxSharedPolicies = 1024;
    private Action<string>? _warn;

    /// <summary>The identity policy of a principal kms.iam does not list while unlisted principals have full access:
    /// every KMS action on every resource, as an administrator's policy (AWS's AdministratorAccess) gives.</summary>
    private static readonly PolicyDocument[] FullAccess =
        [PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":[{"Sid":"UnlistedPrincipalFullAccess","Effect":"Allow","Action":"kms:*","Resource":"*"}]}""", PolicyKind.IdentityPolicy)];

    private readonly IReadOnlyList<PolicyDocument> _unlisted;

    /// <param name="principals">kms.iam.principals.</param>
    /// <param name="unlistedFullAccess">Principals not listed have full KMS access through IAM (key policies still
    /// apply); false: they have no identity policies. See kms.iam.unlisted-principals.</param>
    /// <exception cref="Akka.Configuration.ConfigurationException">An identity policy is not a valid policy document.</exception>
    public Authorizer(IReadOnlyList<IamPrincipalSettings> principals, bool unlistedFullAccess = false)
    {
        _unlisted = unlistedFullAccess ? FullAccess : [];
        var byArn = new Dictionary<string, IReadOnlyList<PolicyDocument>>(StringComparer.Ordinal);
        foreach (var principal in principals)
        {
            var compiled = new List<PolicyDocument>(principal.Policies.Count);
            foreach (var policy in principal.Policies)
            {
                try
                {
                    compiled.Add(PolicyDocument.Parse(policy, PolicyKind.IdentityPolicy));
                }
                catch (Model.KmsException error)
                {
                    throw new Akka.Configuration.ConfigurationException($"kms.iam.principals: a policy of {principal.Arn} is malformed: {error.Message}");
                }
            }
            byArn[principal.Arn] = byArn.TryGetValue(principal.Arn, out var earlier) ? [.. earlier, .. compiled] : compiled;
        }
        _identityPolicies = byArn.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The identity policies attached to <paramref name="principal"/> (a role session: its role's); for a
    /// principal kms.iam does not list, full access or none (kms.iam.unlisted-principals).</summary>
    public IReadOnlyList<PolicyDocument> IdentityPoliciesOf(PrincipalInfo principal) =>
        _identityPolicies.TryGetValue(principal.PrincipalArn, out var policies) ? policies : _unlisted;

    /// <summary>The engine's authorizer from the kms.iam section: kms.iam.unlisted-principals = auto gives unlisted
    /// principals full access while kms.iam.principals is empty (so callers that merely name themselves keep working
    /// with zero configuration) and none once any principal is listed.</summary>
    /// <exception cref="Akka.Configuration.ConfigurationException">A malformed entry or policy, or an unknown mode.</exception>
    public static Authorizer From(Akka.Configuration.Config config, Akka.Event.ILoggingAdapter? log = null)
    {
        var principals = IamPrincipalSettings.ReadAll(config);
        var mode = config.GetString("kms.iam.unlisted-principals", "auto");
        var fullAccess = mode switch
        {
            "auto" => principals.Count == 0,
            "full-access" => true,
            "no-permissions" => false,
            _ => throw new Akka.Configuration.ConfigurationException($"kms.iam.unlisted-principals = {mode}: expected auto, full-access or no-permissions."),
        };
        return new Authorizer(principals, fullAccess) { _warn = log is null ? null : message => log.Warning(message) };
    }

    /// <summary>The compiled form of a key policy the key of <paramref name="accountId"/> holds (validated when it was put).
    /// A policy stored before KmsActors validated policies (any JSON object was accepted) that no longer parses is read
    /// as the account's default key policy, with a warning, so the key stays usable and its policy can be replaced.</summary>
    public PolicyDocument KeyPolicy(string json, string accountId, string partition = "aws") =>
        _keyPolicies.TryGetValue(json, out var compiled) ? compiled : CompileOnce(json, accountId, partition);

    // Apart from KeyPolicy, so that its hot path allocates no closure.
    private PolicyDocument CompileOnce(string json, string accountId, string partition) =>
        _keyPolicies.GetValue(json, text => Compile(text, accountId, partition));

    private PolicyDocument Compile(string text, string accountId, string partition)
    {
        if (_sharedPolicies.TryGetValue(text, out var shared))
            return shared;
        PolicyDocument document;
        try
        {
            document = PolicyDocument.Parse(text, PolicyKind.KeyPolicy);
        }
        catch (Model.KmsException error)
        {
            _warn?.Invoke($"A stored key policy of account {accountId} is not a valid policy document ({error.Message}); it is read as the default key policy until PutKeyPolicy replaces it.");
            return PolicyDocument.Parse(Keys.KeyRules.DefaultPolicy(partition, accountId), PolicyKind.KeyPolicy);
        }
        if (_sharedPolicies.Count < MaxSharedPolicies)
            _sharedPolicies.TryAdd(text, document);
        return document;
    }

    /// <summary>IAM's answer for a call on a key (<paramref name="keyPolicy"/> set) or without one (null: identity
    /// policies alone); <paramref name="allowedByGrant"/> when a grant on the key allows it.</summary>
    public AuthorizationDecision Authorize(AuthorizationRequest request, PolicyDocument? keyPolicy, bool allowedByGrant = false) =>
        PolicyEvaluator.Evaluate(request, keyPolicy, IdentityPoliciesOf(request.Principal), allowedByGrant);
}
