using Amazon.KeyManagementService;
using Amazon.Runtime;

namespace KmsActors.Server.Tests.Support;

/// <summary>
/// A server (real engine, in memory) with two callers: AKIDADMIN is the account's root (the key administrator), AKIDAPP
/// is role/app, whose only permissions are the BYOK documents' example identity policy: create EXTERNAL keys, get import
/// parameters only for RSA_AES_KEY_WRAP_SHA_256 with an RSA_4096 wrapping key, import only material that expires no later
/// than <see cref="LatestValidTo"/>, describe and encrypt. No kms:DeleteImportedKeyMaterial.
/// </summary>
public sealed class AccessControlServerFixture : IAsyncLifetime
{
    public const string Account = "111122223333";
    public const string AppRole = "arn:aws:iam::111122223333:role/app";

    /// <summary>The latest ValidTo the app's policy allows: 100 days from the fixture's start, whole seconds.</summary>
    public DateTimeOffset LatestValidTo { get; } = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(100).ToUnixTimeSeconds());

    public KmsTestServer Server { get; private set; } = null!;

    public AmazonKeyManagementServiceClient Admin() => Client("AKIDADMIN");

    public AmazonKeyManagementServiceClient App() => Client("AKIDAPP");

    private AmazonKeyManagementServiceClient Client(string accessKey) =>
        new(new BasicAWSCredentials(accessKey, "secret"), new AmazonKeyManagementServiceConfig
        {
            ServiceURL = Server.Address.ToString(),
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
        });

    /// <summary>The app role's identity policy (as a HOCON triple-quoted string holds it).</summary>
    public string AppPolicy => $$"""
        {
          "Version": "2012-10-17",
          "Statement": [
            { "Sid": "CreateOnlyExternalKeys", "Effect": "Allow", "Action": "kms:CreateKey", "Resource": "*",
              "Condition": { "StringEquals": { "kms:KeyOrigin": "EXTERNAL" } } },
            { "Sid": "ImportParametersOnlyForStrongWrapping", "Effect": "Allow", "Action": "kms:GetParametersForImport",
              "Resource": "arn:aws:kms:us-east-1:111122223333:key/*",
              "Condition": { "StringEquals": { "kms:WrappingAlgorithm": "RSA_AES_KEY_WRAP_SHA_256", "kms:WrappingKeySpec": "RSA_4096" } } },
            { "Sid": "ImportOnlyExpiringMaterial", "Effect": "Allow", "Action": "kms:ImportKeyMaterial",
              "Resource": "arn:aws:kms:us-east-1:111122223333:key/*",
              "Condition": { "StringEquals": { "kms:ExpirationModel": "KEY_MATERIAL_EXPIRES" },
                             "NumericLessThanEquals": { "kms:ValidTo": "{{LatestValidTo.ToUnixTimeSeconds()}}" } } },
            { "Sid": "UseTheKeys", "Effect": "Allow", "Action": ["kms:DescribeKey", "kms:Encrypt", "kms:Decrypt"],
              "Resource": "arn:aws:kms:us-east-1:111122223333:key/*" }
          ]
        }
        """;

    public async Task InitializeAsync() => Server = await KmsTestServer.StartAsync(fake: false, hocon: $$""""
        kms.server.credentials {
          AKIDADMIN { account-id = "{{Account}}", principal = "arn:aws:iam::{{Account}}:root" }
          AKIDAPP { account-id = "{{Account}}", principal = "{{AppRole}}" }
        }
        kms.iam.principals = [ { arn = "{{AppRole}}", policies = ["""{{AppPolicy}}"""] } ]
        """");

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
