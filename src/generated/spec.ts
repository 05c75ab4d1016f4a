/**
 * This file was auto-generated from spec/openapi.yaml by `npm run generate`.
 * Do not make direct changes to the file.
 */

export const spec = {
  "openapi": "3.1.0",
  "info": {
    "title": "Databrain workspaces and dashboards API",
    "version": "2.0.0",
    "summary": "List the workspaces of a Databrain organisation and the dashboards of a workspace.",
    "description": "The two endpoints of Databrain's API v2 that an application uses to discover what it can\nembed: List Workspaces (every workspace of the organisation) and List dashboards in a\nworkspace.\n\nThis document is authored from Databrain's public documentation (\"Fetch dashboards by\nworkspace\", \"List Workspaces\" and their neighbouring pages). Databrain publishes no OpenAPI file of its own. Where\nthe documentation is silent or contradicts itself, the behaviour assumed here is stated in an\n`x-assumptions` list next to the part it concerns; the live drift check is what confirms or\nrefutes each assumption against the real API.\n",
    "contact": {
      "name": "databrain-contract-kit",
      "url": "https://docs.usedatabrain.com"
    },
    "license": {
      "name": "MIT",
      "identifier": "MIT"
    }
  },
  "servers": [
    {
      "url": "https://api.usedatabrain.com",
      "description": "Databrain cloud, production.",
      "x-internal": false
    },
    {
      "url": "{selfHostedUrl}",
      "description": "A self-hosted Databrain install (production or staging), which serves the same path under its own URL; `selfHostedUrl` is that URL, without a trailing slash.",
      "x-internal": true,
      "variables": {
        "selfHostedUrl": {
          "default": "https://databrain.internal"
        }
      }
    }
  ],
  "tags": [
    {
      "name": "Workspaces",
      "description": "Workspace-level operations that need a service token."
    }
  ],
  "security": [
    {
      "serviceToken": []
    }
  ],
  "paths": {
    "/api/v2/workspace": {
      "get": {
        "operationId": "listWorkspaces",
        "summary": "List workspaces",
        "description": "Retrieves every workspace of the organisation, optionally a page at a time. Without\npagination every workspace comes in one response. With `isPagination=true` the workspaces\ncome 10 to a page, pages counted from 1. No total count, next link or has-more flag exists:\na client finds the end by reading pages until one holds fewer than 10 workspaces. A page\npast the last one holds an empty array. Query values are strings: pass `\"true\"`, not a\nboolean.\n",
        "tags": [
          "Workspaces"
        ],
        "security": [
          {
            "serviceToken": []
          }
        ],
        "x-page-size": 10,
        "x-assumptions": [
          "The documentation names no 400 for this endpoint, so a malformed query value is not refused, and the parameter schemas promise no refusal. An `isPagination` other than \"true\" lists every workspace, as \"false\" does; a `pageNumber` that is not a whole number of at least 1 reads page 1, its default. `x-accepted` on each parameter's schema gives the values read as they are.",
          "A repeated parameter (`?pageNumber=1&pageNumber=2`) is malformed, as a web framework reads it as a list, so its default applies. Unknown parameters are ignored.",
          "One version of the documentation asks for a service token and another for \"your API key from the data app\"; this spec follows the dashboards endpoint and the newer wording, a service token, and answers any other token with 401 INVALID_DATA_APP_API_KEY.",
          "Every page lists the workspaces in the same stable order, so the pages read in turn concatenate to the unpaginated list without gaps or repeats. The documentation says nothing of the order.",
          "Every listed workspace is accepted by the dashboards endpoint (possibly with an empty list), and every workspace whose dashboards can be listed is listed here."
        ],
        "parameters": [
          {
            "name": "isPagination",
            "in": "query",
            "required": false,
            "description": "`\"true\"`: page-based retrieval, 10 workspaces to a page. `\"false\"` (the default): every workspace in one response. Pass the strings, not booleans. The API refuses no value: any other value lists every workspace, as `\"false\"` does (see `x-assumptions`).",
            "schema": {
              "type": "string",
              "default": "false",
              "x-accepted": {
                "enum": [
                  "true",
                  "false"
                ]
              }
            },
            "examples": {
              "allWorkspaces": {
                "value": "false"
              },
              "firstWorkspacePage": {
                "value": "true"
              },
              "lastPartialWorkspacePage": {
                "value": "true"
              },
              "workspacePagePastTheEnd": {
                "value": "true"
              }
            }
          },
          {
            "name": "pageNumber",
            "in": "query",
            "required": false,
            "description": "The page to read when `isPagination` is `\"true\"`, a whole number counted from 1, as a string; only used then. The API refuses no value: one that is not a whole number of at least 1 reads page 1, its default (see `x-assumptions`).",
            "schema": {
              "type": "string",
              "default": "1",
              "x-accepted": {
                "pattern": "^[1-9][0-9]*$"
              }
            },
            "examples": {
              "allWorkspaces": {
                "value": "1"
              },
              "firstWorkspacePage": {
                "value": "1"
              },
              "lastPartialWorkspacePage": {
                "value": "2"
              },
              "workspacePagePastTheEnd": {
                "value": "9"
              }
            }
          }
        ],
        "responses": {
          "200": {
            "description": "OK: the workspaces were retrieved. `data` is empty when the organisation has no workspace or the page number is past the last page; `error` is null.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/WorkspaceListResponse"
                },
                "examples": {
                  "allWorkspaces": {
                    "$ref": "#/components/examples/allWorkspaces"
                  },
                  "firstWorkspacePage": {
                    "$ref": "#/components/examples/firstWorkspacePage"
                  },
                  "lastPartialWorkspacePage": {
                    "$ref": "#/components/examples/lastPartialWorkspacePage"
                  },
                  "workspacePagePastTheEnd": {
                    "$ref": "#/components/examples/pagePastTheEnd"
                  }
                }
              }
            }
          },
          "401": {
            "description": "Unauthorized: the service token is missing, invalid or expired.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/UnauthorizedResponse"
                },
                "examples": {
                  "invalidDataAppApiKey": {
                    "$ref": "#/components/examples/invalidDataAppApiKey"
                  }
                }
              }
            }
          },
          "500": {
            "description": "Internal Server Error: the request failed on the server.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/InternalServerErrorResponse"
                },
                "examples": {
                  "internalServerError": {
                    "$ref": "#/components/examples/internalServerError"
                  }
                }
              }
            }
          }
        }
      }
    },
    "/api/v2/workspace/dashboards": {
      "post": {
        "operationId": "listWorkspaceDashboards",
        "summary": "List dashboards in a workspace",
        "description": "Retrieves the dashboards available in a workspace, to discover dashboards for provisioning\nand embedding. Works at workspace level with a service token (organisation-level\npermissions), not with a data-app API key. The workspace name scopes which dashboards are\nreturned.\n\nWithout pagination every dashboard of the workspace comes in one response. With\n`isPagination: true` the dashboards come 10 to a page, pages counted from 1. No total\ncount, next link or has-more flag exists: a client finds the end by reading pages until one\nholds fewer than 10 dashboards. A page past the last one holds an empty array.\n",
        "tags": [
          "Workspaces"
        ],
        "security": [
          {
            "serviceToken": []
          }
        ],
        "x-page-size": 10,
        "x-assumptions": [
          "Every page lists the dashboards in the same stable order, so the pages read in turn concatenate to the unpaginated list without gaps or repeats.",
          "The service token is checked before the body, so a request with both a bad token and a bad body gets 401.",
          "The workspace is looked up only after the body is valid, so an invalid body with an unknown workspace name gets INVALID_REQUEST_BODY.",
          "A body that is not JSON, or is not sent as application/json, gets INVALID_REQUEST_BODY; the docs name no Content-Type error.",
          "No rate limit (429), request size limit or 500 body is documented, so none is modelled beyond the documented INTERNAL_SERVER_ERROR."
        ],
        "requestBody": {
          "required": true,
          "description": "The workspace to list and, optionally, the page to read. The local mock refuses a body larger than `x-max-body-bytes` with INVALID_REQUEST_BODY; Databrain documents no limit.",
          "x-max-body-bytes": 102400,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/ListDashboardsRequest"
              },
              "examples": {
                "allDashboards": {
                  "summary": "Every dashboard of a workspace in one response (Sales Analytics holds the documented two)",
                  "value": {
                    "workspaceName": "Sales Analytics"
                  }
                },
                "firstPage": {
                  "summary": "The first page of 10",
                  "value": {
                    "workspaceName": "my-workspace",
                    "isPagination": true,
                    "pageNumber": 1
                  }
                },
                "lastPartialPage": {
                  "summary": "The third and last page of a workspace of 23 dashboards",
                  "value": {
                    "workspaceName": "my-workspace",
                    "isPagination": true,
                    "pageNumber": 3
                  }
                },
                "pagePastTheEnd": {
                  "summary": "A page past the last one of a workspace of 23 dashboards",
                  "value": {
                    "workspaceName": "my-workspace",
                    "isPagination": true,
                    "pageNumber": 9
                  }
                },
                "emptyWorkspace": {
                  "summary": "A workspace with no dashboards",
                  "value": {
                    "workspaceName": "empty-workspace"
                  }
                },
                "workspaceIdError": {
                  "summary": "A workspace name the organisation does not have",
                  "value": {
                    "workspaceName": "no-such-workspace"
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "OK: the dashboards were retrieved. `data` is empty when the workspace has no dashboards or the page number is past the last page; `error` is null.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ListDashboardsResponse"
                },
                "examples": {
                  "allDashboards": {
                    "$ref": "#/components/examples/allDashboards"
                  },
                  "firstPage": {
                    "$ref": "#/components/examples/firstPage"
                  },
                  "lastPartialPage": {
                    "$ref": "#/components/examples/lastPartialPage"
                  },
                  "pagePastTheEnd": {
                    "$ref": "#/components/examples/pagePastTheEnd"
                  },
                  "emptyWorkspace": {
                    "$ref": "#/components/examples/emptyWorkspace"
                  }
                }
              }
            }
          },
          "400": {
            "description": "Bad Request: the body is missing or invalid (`INVALID_REQUEST_BODY`), or the workspace name does not exist in the organisation (`WORKSPACE_ID_ERROR`).",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/BadRequestResponse"
                },
                "examples": {
                  "invalidRequestBody": {
                    "$ref": "#/components/examples/invalidRequestBody"
                  },
                  "workspaceIdError": {
                    "$ref": "#/components/examples/workspaceIdError"
                  }
                }
              }
            }
          },
          "401": {
            "description": "Unauthorized: the service token is missing, invalid or expired.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/UnauthorizedResponse"
                },
                "examples": {
                  "invalidDataAppApiKey": {
                    "$ref": "#/components/examples/invalidDataAppApiKey"
                  }
                }
              }
            }
          },
          "500": {
            "description": "Internal Server Error: the request failed on the server.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/InternalServerErrorResponse"
                },
                "examples": {
                  "internalServerError": {
                    "$ref": "#/components/examples/internalServerError"
                  }
                }
              }
            }
          }
        }
      }
    }
  },
  "components": {
    "securitySchemes": {
      "serviceToken": {
        "type": "http",
        "scheme": "bearer",
        "description": "A Databrain service token, sent as `Authorization: Bearer <token>`. Service tokens carry\norganisation-level permissions; a data-app API key is not accepted here. Databrain issues\ntokens as UUIDs; the `dbn_live_abc123...` of the documentation is only a placeholder, and\nno prefix is required.\n",
        "x-assumptions": [
          "A missing, malformed, unknown or expired token gets 401 with code INVALID_DATA_APP_API_KEY, as this endpoint's page documents. Neighbouring pages answer a missing or non-UUID key with 400 AUTHENTICATION_ERROR instead; the live drift check reports it if this endpoint does the same."
        ]
      }
    },
    "schemas": {
      "ListDashboardsRequest": {
        "type": "object",
        "description": "Which workspace to list, and whether to read it a page at a time.",
        "required": [
          "workspaceName"
        ],
        "additionalProperties": false,
        "properties": {
          "workspaceName": {
            "type": "string",
            "minLength": 1,
            "description": "Name of the workspace. Must match an existing workspace in the organisation.",
            "examples": [
              "my-workspace"
            ]
          },
          "isPagination": {
            "type": "boolean",
            "default": false,
            "description": "`true`: page-based retrieval, 10 dashboards to a page. `false` (the default): every dashboard of the workspace in one response."
          },
          "pageNumber": {
            "type": "integer",
            "format": "int32",
            "minimum": 1,
            "maximum": 2147483647,
            "default": 1,
            "description": "The page to retrieve when `isPagination` is true; pages are counted from 1. Ignored when pagination is off."
          }
        },
        "x-assumptions": [
          "Unknown properties are rejected with INVALID_REQUEST_BODY, as Databrain validates bodies with Joi, whose default is to refuse keys it does not know.",
          "pageNumber must be a whole number from 1 to 2147483647 (an int32); 0, negative, fractional, larger and string values are INVALID_REQUEST_BODY (the documentation types it only as \"number\").",
          "isPagination true without pageNumber reads page 1, as List Workspaces documents a default page of 1.",
          "pageNumber is validated even when isPagination is false, although its value is then not used."
        ]
      },
      "Workspace": {
        "type": "object",
        "description": "A workspace of the organisation.",
        "required": [
          "name"
        ],
        "properties": {
          "name": {
            "type": "string",
            "description": "The workspace's name, as the dashboards endpoint's `workspaceName` takes it.",
            "examples": [
              "Sales Analytics"
            ]
          }
        }
      },
      "WorkspaceListResponse": {
        "type": "object",
        "description": "The workspaces of the organisation, or of the requested page.",
        "required": [
          "data",
          "error"
        ],
        "properties": {
          "data": {
            "type": "array",
            "description": "The workspaces. Empty when the organisation has none or the page number is past the last page. A page holds at most 10.",
            "items": {
              "$ref": "#/components/schemas/Workspace"
            }
          },
          "error": {
            "type": "null",
            "description": "Always null on success."
          }
        }
      },
      "Dashboard": {
        "type": "object",
        "description": "A dashboard of the workspace.",
        "required": [
          "name",
          "externalDashboardId"
        ],
        "properties": {
          "name": {
            "type": "string",
            "description": "The dashboard's display name.",
            "examples": [
              "Sales Dashboard"
            ]
          },
          "externalDashboardId": {
            "type": "string",
            "description": "The dashboard's id for embedding and provisioning.",
            "examples": [
              "sales_dash_123"
            ]
          }
        }
      },
      "ListDashboardsResponse": {
        "type": "object",
        "description": "The dashboards of the workspace, or of the requested page.",
        "required": [
          "data",
          "error"
        ],
        "properties": {
          "data": {
            "type": "array",
            "description": "The dashboards. Empty when the workspace has none or the page number is past the last page. A page holds at most 10.",
            "items": {
              "$ref": "#/components/schemas/Dashboard"
            }
          },
          "error": {
            "type": "null",
            "description": "Always null on success."
          }
        }
      },
      "ErrorMessage": {
        "type": "string",
        "description": "A readable explanation, e.g. a validation message such as `\"workspaceName\" is required`."
      },
      "ErrorStatus": {
        "type": "integer",
        "format": "int32",
        "minimum": 100,
        "maximum": 599,
        "description": "The HTTP status, repeated in the body."
      },
      "BadRequestError": {
        "type": "object",
        "description": "What went wrong in a 400:\n- `INVALID_REQUEST_BODY`: missing or invalid request body parameters.\n- `WORKSPACE_ID_ERROR`: the workspace name does not exist.\n",
        "required": [
          "code",
          "message"
        ],
        "properties": {
          "code": {
            "type": "string",
            "enum": [
              "INVALID_REQUEST_BODY",
              "WORKSPACE_ID_ERROR"
            ]
          },
          "message": {
            "$ref": "#/components/schemas/ErrorMessage"
          },
          "status": {
            "$ref": "#/components/schemas/ErrorStatus"
          }
        },
        "x-assumptions": [
          "The older page for this endpoint shows `status` in the error object; the newer pages show only `code` and `message`. `status` is therefore optional, in every error body.",
          "Validation messages follow Joi's wording, e.g. `\"workspaceName\" is required`, as other endpoints' pages show; this endpoint's page gives no example."
        ]
      },
      "UnauthorizedError": {
        "type": "object",
        "description": "What went wrong in a 401: `INVALID_DATA_APP_API_KEY`, an invalid or expired API key.",
        "required": [
          "code",
          "message"
        ],
        "properties": {
          "code": {
            "type": "string",
            "enum": [
              "INVALID_DATA_APP_API_KEY"
            ]
          },
          "message": {
            "$ref": "#/components/schemas/ErrorMessage"
          },
          "status": {
            "$ref": "#/components/schemas/ErrorStatus"
          }
        }
      },
      "InternalServerError": {
        "type": "object",
        "description": "What went wrong in a 500: `INTERNAL_SERVER_ERROR`, a server error.",
        "required": [
          "code",
          "message"
        ],
        "properties": {
          "code": {
            "type": "string",
            "enum": [
              "INTERNAL_SERVER_ERROR"
            ]
          },
          "message": {
            "$ref": "#/components/schemas/ErrorMessage"
          },
          "status": {
            "$ref": "#/components/schemas/ErrorStatus"
          }
        }
      },
      "BadRequestResponse": {
        "type": "object",
        "description": "A 400 body, whose code is INVALID_REQUEST_BODY or WORKSPACE_ID_ERROR.",
        "required": [
          "error"
        ],
        "properties": {
          "error": {
            "$ref": "#/components/schemas/BadRequestError"
          },
          "data": {
            "type": "null",
            "description": "Absent or null on errors."
          }
        },
        "x-assumptions": [
          "No documented error example carries `data`, so an error body may omit it; null is also accepted. The same holds for every error body."
        ]
      },
      "UnauthorizedResponse": {
        "type": "object",
        "description": "A 401 body, whose code is INVALID_DATA_APP_API_KEY.",
        "required": [
          "error"
        ],
        "properties": {
          "error": {
            "$ref": "#/components/schemas/UnauthorizedError"
          },
          "data": {
            "type": "null",
            "description": "Absent or null on errors."
          }
        }
      },
      "InternalServerErrorResponse": {
        "type": "object",
        "description": "A 500 body, whose code is INTERNAL_SERVER_ERROR.",
        "required": [
          "error"
        ],
        "properties": {
          "error": {
            "$ref": "#/components/schemas/InternalServerError"
          },
          "data": {
            "type": "null",
            "description": "Absent or null on errors."
          }
        }
      }
    },
    "examples": {
      "allWorkspaces": {
        "summary": "Every workspace of an organisation of 13 (the documentation's example shows three of them)",
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
      "firstWorkspacePage": {
        "summary": "A full first page of 10 workspaces (an organisation of 13)",
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
      "lastPartialWorkspacePage": {
        "summary": "A partial last page (page 2 of an organisation of 13, workspaces 11 to 13)",
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
      "allDashboards": {
        "summary": "Every dashboard of a workspace (the documentation's example; Sales Analytics in the local mock)",
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
      "firstPage": {
        "summary": "A full first page of 10 (workspace my-workspace, 23 dashboards)",
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
      "lastPartialPage": {
        "summary": "A partial last page (page 3 of my-workspace, dashboards 21 to 23)",
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
      "pagePastTheEnd": {
        "summary": "A page number past the last page (of dashboards or of workspaces)",
        "value": {
          "data": [],
          "error": null
        }
      },
      "emptyWorkspace": {
        "summary": "A workspace with no dashboards",
        "value": {
          "data": [],
          "error": null
        }
      },
      "invalidRequestBody": {
        "summary": "INVALID_REQUEST_BODY: missing or invalid body parameters",
        "value": {
          "error": {
            "code": "INVALID_REQUEST_BODY",
            "message": "\"workspaceName\" is required",
            "status": 400
          }
        }
      },
      "workspaceIdError": {
        "summary": "WORKSPACE_ID_ERROR: the workspace name does not exist",
        "value": {
          "error": {
            "code": "WORKSPACE_ID_ERROR",
            "message": "The workspace name provided does not exist.",
            "status": 400
          }
        }
      },
      "invalidDataAppApiKey": {
        "summary": "INVALID_DATA_APP_API_KEY: invalid or expired API key",
        "value": {
          "error": {
            "code": "INVALID_DATA_APP_API_KEY",
            "message": "Invalid API key",
            "status": 401
          }
        }
      },
      "internalServerError": {
        "summary": "INTERNAL_SERVER_ERROR: the request failed on the server",
        "value": {
          "error": {
            "code": "INTERNAL_SERVER_ERROR",
            "message": "Internal server error",
            "status": 500
          }
        }
      }
    }
  }
} as const;
