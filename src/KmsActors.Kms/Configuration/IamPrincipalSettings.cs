using Akka.Configuration;
using Akka.Configuration.Hocon;
using KmsActors.Kms.Policy;

namespace KmsActors.Kms.Configuration;

/// <summary>
/// One entry of kms.iam.principals: an IAM user or role of a simulated account and the identity policies attached
/// to it, as JSON texts (inline <c>policies</c>, or <c>policy-files</c> read at start). A principal listed with no
/// policy has no permissions of its own: only key policies and grants that name it let it in (docs/access-control.md).
/// </summary>
public sealed record IamPrincipalSettings(string Arn, IReadOnlyList<string> Policies)
{
    /// <summary>Reads kms.iam.principals (absent: none).</summary>
    /// <exception cref="ConfigurationException">An entry has no valid principal ARN, or a policy file cannot be read.</exception>
    public static IReadOnlyList<IamPrincipalSettings> ReadAll(Config config)
    {
        if (!config.HasPath("kms.iam.principals"))
            return [];
        var entries = config.GetValue("kms.iam.principals").GetArray();
        var principals = new List<IamPrincipalSettings>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var path = $"kms.iam.principals[{i}]";
            var entry = new Config(new HoconRoot(entries[i]));
            var arn = entry.GetString("arn", "");
            if (!PrincipalInfo.TryFromArn(arn, out var principal) || principal.Type is PrincipalType.Service or PrincipalType.Account)
                throw new ConfigurationException($"{path}.arn = '{arn}': expected an IAM user or role ARN (arn:aws:iam::<account>:user/<name> or :role/<name>).");
            var policies = new List<string>();
            if (entry.HasPath("policies"))
                policies.AddRange(entry.GetStringList("policies"));
            if (entry.HasPath("policy-files"))
            {
                foreach (var file in entry.GetStringList("policy-files"))
                {
                    try
                    {
                        policies.Add(File.ReadAllText(file));
                    }
                    catch (Exception error) when (error is IOException or UnauthorizedAccessException)
                    {
                        throw new ConfigurationException($"{path}.policy-files: cannot read '{Path.GetFullPath(file)}': {error.Message}");
                    }
                }
            }
            principals.Add(new IamPrincipalSettings(principal.PrincipalArn, policies));
        }
        return principals;
    }
}
