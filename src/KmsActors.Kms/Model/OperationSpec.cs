namespace KmsActors.Kms.Model;

/// <summary>One operation of the AWS KMS model, as <see cref="KmsCatalogue"/> lists it.</summary>
/// <param name="Name">The operation name, e.g. "Encrypt" (the wire target is <c>TrentService.&lt;Name&gt;</c>).</param>
/// <param name="Input">The request record, or null when the operation takes no input.</param>
/// <param name="Output">The response record, or null when the operation answers <c>{}</c>.</param>
/// <param name="Errors">The error codes the model says the operation may raise, in model order.</param>
/// <param name="CrossAccount">The API reference says "Cross-account use: Yes": a principal of another account may name the key by its ARN.</param>
/// <param name="Members">The input's members with their constraints, in model order.</param>
public sealed record OperationSpec(string Name, Type? Input, Type? Output, IReadOnlyList<string> Errors, bool CrossAccount, IReadOnlyList<MemberSpec> Members);
