// The package ships no type declarations; this is the part of its API the drift check uses.
declare module '@pactflow/swagger-mock-validator' {
  export interface ValidateOptions {
    readonly mockPathOrUrl: string;
    readonly specPathOrUrl: string;
    readonly additionalPropertiesInResponse?: string;
    readonly requiredPropertiesInResponse?: string;
  }
  export interface ValidationIssue {
    readonly code: string;
    readonly message: string;
    readonly type: 'error' | 'warning';
    readonly mockDetails?: { readonly interactionDescription?: string; readonly location?: string };
    readonly specDetails?: { readonly location?: string };
  }
  export interface ValidationResult {
    readonly success: boolean;
    readonly errors: ValidationIssue[];
    readonly warnings: ValidationIssue[];
  }
  export const SwaggerMockValidatorFactory: {
    create(auth?: string): { validate(options: ValidateOptions): Promise<ValidationResult> };
  };
}
