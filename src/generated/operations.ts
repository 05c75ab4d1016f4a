/**
 * This file was auto-generated from spec/openapi.yaml by `npm run generate`.
 * Do not make direct changes to the file.
 */

/** Databrain cloud's base URL, the first server of the spec. */
export const cloudBaseUrl = "https://api.usedatabrain.com";

/** GET /api/v2/workspace: where it is, its page size and its documented statuses. */
export const listWorkspaces = {
  "operationId": "listWorkspaces",
  "method": "GET",
  "path": "/api/v2/workspace",
  "pageSize": 10,
  "statuses": [
    200,
    401,
    500
  ],
  "mediaType": "application/json",
  "requestDefaults": {
    "isPagination": "false",
    "pageNumber": "1"
  }
} as const;

/** listWorkspaces: each documented error code, its status and the message of its first example. */
export const listWorkspacesErrors = {
  "INVALID_DATA_APP_API_KEY": {
    "status": 401,
    "message": "Invalid API key",
    "example": "invalidDataAppApiKey"
  },
  "INTERNAL_SERVER_ERROR": {
    "status": 500,
    "message": "Internal server error",
    "example": "internalServerError"
  }
} as const;

/** listWorkspaces: the names of the response examples. */
export const listWorkspacesExampleNames = [
  "allWorkspaces",
  "firstWorkspacePage",
  "lastPartialWorkspacePage",
  "workspacePagePastTheEnd",
  "invalidDataAppApiKey",
  "internalServerError"
] as const;

/** listWorkspaces: the named response examples, with their status. */
export const listWorkspacesExamples = [
  {
    "name": "allWorkspaces",
    "status": 200,
    "value": {
      "data": [
        {
          "name": "my-workspace"
        },
        {
          "name": "empty-workspace"
        },
        {
          "name": "ten-dashboards"
        },
        {
          "name": "Sales Analytics"
        },
        {
          "name": "Customer Insights"
        },
        {
          "name": "Marketing Dashboard"
        },
        {
          "name": "Finance Team"
        },
        {
          "name": "Product Analytics"
        },
        {
          "name": "Operations"
        },
        {
          "name": "Support Center"
        },
        {
          "name": "Executive Reports"
        },
        {
          "name": "Partner Portal"
        },
        {
          "name": "Regional Sales"
        }
      ],
      "error": null
    }
  },
  {
    "name": "firstWorkspacePage",
    "status": 200,
    "value": {
      "data": [
        {
          "name": "my-workspace"
        },
        {
          "name": "empty-workspace"
        },
        {
          "name": "ten-dashboards"
        },
        {
          "name": "Sales Analytics"
        },
        {
          "name": "Customer Insights"
        },
        {
          "name": "Marketing Dashboard"
        },
        {
          "name": "Finance Team"
        },
        {
          "name": "Product Analytics"
        },
        {
          "name": "Operations"
        },
        {
          "name": "Support Center"
        }
      ],
      "error": null
    }
  },
  {
    "name": "lastPartialWorkspacePage",
    "status": 200,
    "value": {
      "data": [
        {
          "name": "Executive Reports"
        },
        {
          "name": "Partner Portal"
        },
        {
          "name": "Regional Sales"
        }
      ],
      "error": null
    }
  },
  {
    "name": "workspacePagePastTheEnd",
    "status": 200,
    "value": {
      "data": [],
      "error": null
    }
  },
  {
    "name": "invalidDataAppApiKey",
    "status": 401,
    "value": {
      "error": {
        "code": "INVALID_DATA_APP_API_KEY",
        "message": "Invalid API key",
        "status": 401
      }
    }
  },
  {
    "name": "internalServerError",
    "status": 500,
    "value": {
      "error": {
        "code": "INTERNAL_SERVER_ERROR",
        "message": "Internal server error",
        "status": 500
      }
    }
  }
] as const;

/** listWorkspaces: everything above in one object. */
export const listWorkspacesOperation = { facts: listWorkspaces, errors: listWorkspacesErrors, examples: listWorkspacesExamples, exampleNames: listWorkspacesExampleNames } as const;

/** POST /api/v2/workspace/dashboards: where it is, its page size and its documented statuses. */
export const listWorkspaceDashboards = {
  "operationId": "listWorkspaceDashboards",
  "method": "POST",
  "path": "/api/v2/workspace/dashboards",
  "pageSize": 10,
  "maxBodyBytes": 102400,
  "maxPageNumber": 2147483647,
  "statuses": [
    200,
    400,
    401,
    500
  ],
  "mediaType": "application/json",
  "requestDefaults": {
    "isPagination": false,
    "pageNumber": 1
  }
} as const;

/** listWorkspaceDashboards: each documented error code, its status and the message of its first example. */
export const listWorkspaceDashboardsErrors = {
  "INVALID_REQUEST_BODY": {
    "status": 400,
    "message": "\"workspaceName\" is required",
    "example": "invalidRequestBody"
  },
  "WORKSPACE_ID_ERROR": {
    "status": 400,
    "message": "The workspace name provided does not exist.",
    "example": "workspaceIdError"
  },
  "INVALID_DATA_APP_API_KEY": {
    "status": 401,
    "message": "Invalid API key",
    "example": "invalidDataAppApiKey"
  },
  "INTERNAL_SERVER_ERROR": {
    "status": 500,
    "message": "Internal server error",
    "example": "internalServerError"
  }
} as const;

/** listWorkspaceDashboards: the names of the response examples. */
export const listWorkspaceDashboardsExampleNames = [
  "allDashboards",
  "firstPage",
  "lastPartialPage",
  "pagePastTheEnd",
  "emptyWorkspace",
  "invalidRequestBody",
  "workspaceIdError",
  "invalidDataAppApiKey",
  "internalServerError"
] as const;

/** listWorkspaceDashboards: the named response examples, with their status. */
export const listWorkspaceDashboardsExamples = [
  {
    "name": "allDashboards",
    "status": 200,
    "value": {
      "data": [
        {
          "name": "Sales Dashboard",
          "externalDashboardId": "sales_dash_123"
        },
        {
          "name": "Marketing Analytics",
          "externalDashboardId": "marketing_dash_456"
        }
      ],
      "error": null
    }
  },
  {
    "name": "firstPage",
    "status": 200,
    "value": {
      "data": [
        {
          "name": "Sales Dashboard",
          "externalDashboardId": "sales_dash_123"
        },
        {
          "name": "Marketing Analytics",
          "externalDashboardId": "marketing_dash_456"
        },
        {
          "name": "Customer Retention",
          "externalDashboardId": "retention_dash_789"
        },
        {
          "name": "Revenue Overview",
          "externalDashboardId": "revenue_dash_101"
        },
        {
          "name": "Product Usage",
          "externalDashboardId": "product_usage_dash_102"
        },
        {
          "name": "Support Tickets",
          "externalDashboardId": "support_dash_103"
        },
        {
          "name": "Finance Summary",
          "externalDashboardId": "finance_dash_104"
        },
        {
          "name": "Inventory Levels",
          "externalDashboardId": "inventory_dash_105"
        },
        {
          "name": "Operations KPIs",
          "externalDashboardId": "operations_dash_106"
        },
        {
          "name": "Churn Analysis",
          "externalDashboardId": "churn_dash_107"
        }
      ],
      "error": null
    }
  },
  {
    "name": "lastPartialPage",
    "status": 200,
    "value": {
      "data": [
        {
          "name": "Cohort Analysis",
          "externalDashboardId": "cohort_dash_118"
        },
        {
          "name": "Feature Adoption",
          "externalDashboardId": "feature_adoption_dash_119"
        },
        {
          "name": "Executive Summary",
          "externalDashboardId": "executive_dash_120"
        }
      ],
      "error": null
    }
  },
  {
    "name": "pagePastTheEnd",
    "status": 200,
    "value": {
      "data": [],
      "error": null
    }
  },
  {
    "name": "emptyWorkspace",
    "status": 200,
    "value": {
      "data": [],
      "error": null
    }
  },
  {
    "name": "invalidRequestBody",
    "status": 400,
    "value": {
      "error": {
        "code": "INVALID_REQUEST_BODY",
        "message": "\"workspaceName\" is required",
        "status": 400
      }
    }
  },
  {
    "name": "workspaceIdError",
    "status": 400,
    "value": {
      "error": {
        "code": "WORKSPACE_ID_ERROR",
        "message": "The workspace name provided does not exist.",
        "status": 400
      }
    }
  },
  {
    "name": "invalidDataAppApiKey",
    "status": 401,
    "value": {
      "error": {
        "code": "INVALID_DATA_APP_API_KEY",
        "message": "Invalid API key",
        "status": 401
      }
    }
  },
  {
    "name": "internalServerError",
    "status": 500,
    "value": {
      "error": {
        "code": "INTERNAL_SERVER_ERROR",
        "message": "Internal server error",
        "status": 500
      }
    }
  }
] as const;

/** listWorkspaceDashboards: everything above in one object. */
export const listWorkspaceDashboardsOperation = { facts: listWorkspaceDashboards, errors: listWorkspaceDashboardsErrors, examples: listWorkspaceDashboardsExamples, exampleNames: listWorkspaceDashboardsExampleNames } as const;
