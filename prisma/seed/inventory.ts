// Demo inventory: 6 departments, 15 systems, 43 processes and 60 interfaces of a mid-size
// manufacturer that sells online and through a field sales team. Loaded through the spreadsheet
// import, which upserts by natural key, so re-running the seed changes nothing.
import type { Actor } from "../../lib/auth/actor";
import { importSheet } from "../../lib/services/inventory/spreadsheet/import";
import { writeSheetFile } from "../../lib/services/inventory/spreadsheet/file-format";
import { getSheet } from "../../lib/services/inventory/spreadsheet/sheets";

type Row = Record<string, string | number>;

// name, type, vendor, hosting, region, criticality, lifecycle, description
const SYSTEMS: [string, string, string, string, string, string, string, string][] = [
  ["SAP S/4HANA", "erp", "SAP", "hybrid", "EU (Frankfurt)", "mission_critical", "active", "Core ERP: finance, procurement, production and sales orders for the EU entities."],
  ["Salesforce Sales Cloud", "crm", "Salesforce", "cloud", "EU (Paris)", "high", "active", "Accounts, opportunities, quotes and contracts for the field sales team."],
  ["Workday HCM", "hris", "Workday", "cloud", "EU (Dublin)", "high", "active", "Employee master, org structure, hires, moves and leavers."],
  ["NetSuite", "finance", "Oracle", "cloud", "US (East)", "medium", "phase_out", "General ledger of the US subsidiary, to be folded into S/4HANA."],
  ["ServiceNow ITSM", "saas", "ServiceNow", "cloud", "EU (Amsterdam)", "high", "active", "IT incidents, changes, access requests and the CMDB."],
  ["AS/400 Order Entry", "custom", "IBM (in-house RPG)", "on_prem", "DE (Hamburg data centre)", "high", "phase_out", "Legacy green-screen order entry still used by the wholesale desk."],
  ["Coupa", "finance", "Coupa", "cloud", "US (West)", "medium", "active", "Procurement requisitions, supplier portal and invoice capture."],
  ["Shopify Plus", "saas", "Shopify", "cloud", "CA (Montreal)", "high", "active", "B2C and small-business webshop."],
  ["Zendesk", "saas", "Zendesk", "cloud", "EU (Frankfurt)", "medium", "active", "Customer service tickets, macros and the help centre."],
  ["Snowflake", "saas", "Snowflake", "cloud", "EU (Frankfurt)", "high", "active", "Analytics warehouse fed from ERP, CRM and the webshop."],
  ["Manhattan WMS", "scm", "Manhattan Associates", "hybrid", "NL (Venlo DC)", "mission_critical", "active", "Warehouse management for the Venlo and Hamburg distribution centres."],
  ["Blue Yonder Demand Planning", "scm", "Blue Yonder", "cloud", "EU (Amsterdam)", "medium", "phase_in", "Statistical forecasting replacing spreadsheet-based planning."],
  ["ADP Payroll", "hris", "ADP", "cloud", "US (East)", "high", "active", "Payroll for DE, NL and US employees."],
  ["SAP Concur", "finance", "SAP", "cloud", "US (West)", "medium", "active", "Travel and expense reports with receipt capture."],
  ["Pricing Engine", "custom", "In-house (Java)", "on_prem", "DE (Hamburg data centre)", "medium", "active", "Customer-specific price lists and discount rules."],
];

// name, source, target, direction, mechanism, payloadFormat, frequency, volumePerMonth, description
const INTERFACES: [string, string, string, string, string, string, string, number, string][] = [
  ["Won opportunities to sales orders", "Salesforce Sales Cloud", "SAP S/4HANA", "one_way", "manual", "excel", "daily", 2400, "Sales ops re-keys won deals into VA01 from an Excel extract."],
  ["Customer master sync", "SAP S/4HANA", "Salesforce Sales Cloud", "two_way", "point_to_point", "xml", "hourly", 18000, "Custom ABAP job pushes account changes; reverse path via an Apex callout."],
  ["Order status to CRM", "SAP S/4HANA", "Salesforce Sales Cloud", "one_way", "file", "csv", "daily", 9000, "Nightly CSV of order and delivery status loaded with Data Loader."],
  ["Price lists to CRM", "Pricing Engine", "Salesforce Sales Cloud", "one_way", "file", "csv", "weekly", 4, "Weekly price book export uploaded by hand."],
  ["Price lists to ERP", "Pricing Engine", "SAP S/4HANA", "one_way", "point_to_point", "fixed_width", "daily", 30, "Condition records written through an RFC wrapper."],
  ["Webshop orders to ERP", "Shopify Plus", "SAP S/4HANA", "one_way", "api", "json", "real_time", 42000, "Order webhooks through a small middleware into sales order BAPIs."],
  ["Stock levels to webshop", "Manhattan WMS", "Shopify Plus", "one_way", "file", "csv", "hourly", 720, "Hourly inventory snapshot uploaded to Shopify via SFTP app."],
  ["Product catalogue to webshop", "SAP S/4HANA", "Shopify Plus", "one_way", "manual", "excel", "weekly", 12, "Merchandisers copy material data into Shopify product CSVs."],
  ["Wholesale orders to ERP", "AS/400 Order Entry", "SAP S/4HANA", "one_way", "file", "fixed_width", "daily", 6000, "Nightly flat file from the AS/400, parsed by an LSMW job."],
  ["Customer credit limits to AS/400", "SAP S/4HANA", "AS/400 Order Entry", "one_way", "manual", "pdf", "weekly", 8, "Credit control e-mails a PDF; the desk updates limits on the green screen."],
  ["Delivery notes to warehouse", "SAP S/4HANA", "Manhattan WMS", "one_way", "queue", "idoc", "real_time", 36000, "DESADV IDocs over SAP PI into the WMS inbound queue."],
  ["Goods issue confirmations", "Manhattan WMS", "SAP S/4HANA", "one_way", "queue", "idoc", "real_time", 35000, "Shipment confirmations post goods issue in ERP."],
  ["Goods receipts to ERP", "Manhattan WMS", "SAP S/4HANA", "one_way", "queue", "idoc", "real_time", 8000, "Receipt confirmations against purchase orders."],
  ["Inventory adjustments", "Manhattan WMS", "SAP S/4HANA", "one_way", "file", "csv", "daily", 1500, "Cycle count differences posted from a nightly file."],
  ["Supplier ASNs", "Coupa", "Manhattan WMS", "one_way", "manual", "pdf", "daily", 1100, "Suppliers e-mail ASNs; the dock team keys them in."],
  ["Purchase orders to Coupa", "SAP S/4HANA", "Coupa", "one_way", "api", "xml", "hourly", 3200, "cXML purchase orders published to the supplier portal."],
  ["Approved requisitions to ERP", "Coupa", "SAP S/4HANA", "one_way", "api", "xml", "hourly", 2900, "Requisitions become purchase orders in S/4HANA."],
  ["Supplier invoices to ERP", "Coupa", "SAP S/4HANA", "one_way", "file", "csv", "daily", 7400, "Coupa invoice export picked up by an SFTP job; failures handled in a mailbox."],
  ["Payment status to Coupa", "SAP S/4HANA", "Coupa", "one_way", "file", "csv", "daily", 7000, "Paid invoice list so suppliers see payment status."],
  ["Supplier master to Coupa", "SAP S/4HANA", "Coupa", "one_way", "manual", "excel", "weekly", 60, "New vendors are copied by hand after approval."],
  ["Expense postings", "SAP Concur", "SAP S/4HANA", "one_way", "file", "csv", "daily", 2600, "Standard Concur extract into FI postings."],
  ["Employee master to Concur", "Workday HCM", "SAP Concur", "one_way", "file", "csv", "daily", 350, "Nightly employee feed for approvers and cost centres."],
  ["US subsidiary ledger to group ERP", "NetSuite", "SAP S/4HANA", "one_way", "manual", "excel", "monthly", 1, "Trial balance exported and loaded into group consolidation by hand."],
  ["Intercompany invoices US to EU", "NetSuite", "SAP S/4HANA", "two_way", "manual", "pdf", "monthly", 120, "Intercompany invoices e-mailed and booked twice."],
  ["Bank statements to ERP", "SAP S/4HANA", "Snowflake", "one_way", "point_to_point", "json", "daily", 30, "Reconciliation results replicated for treasury dashboards."],
  ["Payroll results to GL", "ADP Payroll", "SAP S/4HANA", "one_way", "file", "csv", "monthly", 3, "Payroll journal file, reformatted in Excel before upload."],
  ["Employee master to payroll", "Workday HCM", "ADP Payroll", "one_way", "point_to_point", "xml", "daily", 900, "Workday PECI connector to ADP."],
  ["Time and absence to payroll", "Workday HCM", "ADP Payroll", "one_way", "file", "csv", "weekly", 4200, "Weekly timesheet extract, manually checked for overtime."],
  ["Cost centres to Workday", "SAP S/4HANA", "Workday HCM", "one_way", "manual", "excel", "monthly", 25, "Finance mails cost centre changes; HRIS team updates Workday."],
  ["New hires to ServiceNow", "Workday HCM", "ServiceNow ITSM", "one_way", "api", "json", "real_time", 80, "Hire events open onboarding requests for laptops and accounts."],
  ["Leavers to ServiceNow", "Workday HCM", "ServiceNow ITSM", "one_way", "manual", "other", "on_demand", 60, "HR raises a ticket by hand when someone leaves."],
  ["Role changes to ServiceNow", "Workday HCM", "ServiceNow ITSM", "one_way", "manual", "other", "on_demand", 140, "Movers are reported by e-mail; access is rarely revoked."],
  ["Incidents to Zendesk", "ServiceNow ITSM", "Zendesk", "two_way", "point_to_point", "json", "real_time", 300, "Major incidents mirrored so agents can tell customers."],
  ["Customer data to Zendesk", "Salesforce Sales Cloud", "Zendesk", "one_way", "api", "json", "hourly", 5200, "Zendesk Salesforce integration syncs organizations and contacts."],
  ["Order lookups from Zendesk", "Zendesk", "SAP S/4HANA", "one_way", "manual", "other", "on_demand", 11000, "Agents look up order status in SAP GUI for every WISMO ticket."],
  ["Refund requests to ERP", "Zendesk", "SAP S/4HANA", "one_way", "manual", "excel", "daily", 1800, "Approved refunds collected in a shared sheet and keyed as credit memos."],
  ["Shopify orders to Zendesk", "Shopify Plus", "Zendesk", "one_way", "api", "json", "real_time", 42000, "Order context in the ticket sidebar."],
  ["Returns authorisations to WMS", "Zendesk", "Manhattan WMS", "one_way", "manual", "pdf", "daily", 900, "RMA forms printed and handed to the returns desk."],
  ["Returns receipts to ERP", "Manhattan WMS", "SAP S/4HANA", "one_way", "file", "csv", "daily", 850, "Received returns posted from a daily file."],
  ["Warranty claims to ERP", "Zendesk", "SAP S/4HANA", "one_way", "manual", "excel", "weekly", 220, "Claims batched in Excel for the quality team."],
  ["Demand history to planning", "SAP S/4HANA", "Blue Yonder Demand Planning", "one_way", "file", "csv", "weekly", 4, "Weekly sales history extract."],
  ["Forecast to ERP", "Blue Yonder Demand Planning", "SAP S/4HANA", "one_way", "manual", "excel", "weekly", 4, "Planners paste the consensus forecast into MD61."],
  ["Webshop demand to planning", "Shopify Plus", "Blue Yonder Demand Planning", "one_way", "manual", "csv", "weekly", 4, "Marketing exports webshop sales for the planners."],
  ["ERP finance to warehouse", "SAP S/4HANA", "Snowflake", "one_way", "point_to_point", "json", "daily", 250000, "Nightly table replication of FI/CO and SD tables."],
  ["CRM pipeline to warehouse", "Salesforce Sales Cloud", "Snowflake", "one_way", "api", "json", "daily", 60000, "Bulk API extract of opportunities and activities."],
  ["Webshop orders to warehouse", "Shopify Plus", "Snowflake", "one_way", "api", "json", "hourly", 42000, "Order and customer events for marketing analytics."],
  ["Tickets to warehouse", "Zendesk", "Snowflake", "one_way", "api", "json", "daily", 15000, "Incremental ticket export for service KPIs."],
  ["Headcount to warehouse", "Workday HCM", "Snowflake", "one_way", "file", "csv", "monthly", 1, "Monthly headcount report uploaded by HR analytics."],
  ["Warehouse KPIs to Snowflake", "Manhattan WMS", "Snowflake", "one_way", "file", "csv", "daily", 30, "Productivity and pick accuracy extracts."],
  ["Commission data to payroll", "Salesforce Sales Cloud", "ADP Payroll", "one_way", "manual", "excel", "monthly", 1, "Sales ops calculates commissions in Excel and sends them to payroll."],
  ["Quotes to pricing", "Salesforce Sales Cloud", "Pricing Engine", "two_way", "point_to_point", "xml", "real_time", 6500, "Synchronous price calls from CPQ, SOAP over the VPN."],
  ["Wholesale prices to AS/400", "Pricing Engine", "AS/400 Order Entry", "one_way", "file", "fixed_width", "daily", 30, "Nightly price file for the wholesale desk."],
  ["AS/400 orders to warehouse", "AS/400 Order Entry", "Manhattan WMS", "one_way", "file", "fixed_width", "daily", 6000, "Legacy pick list file bypassing ERP for rush orders."],
  ["Fixed asset register to NetSuite", "SAP S/4HANA", "NetSuite", "one_way", "manual", "excel", "monthly", 1, "Group asset policy changes copied to the US ledger."],
  ["Vendor payments US", "NetSuite", "Coupa", "one_way", "file", "csv", "weekly", 900, "US payment runs reported back to the supplier portal."],
  ["Change requests to CMDB", "ServiceNow ITSM", "Snowflake", "one_way", "api", "json", "daily", 400, "Change and incident history for IT reporting."],
  ["Licence usage to ServiceNow", "Workday HCM", "ServiceNow ITSM", "one_way", "file", "csv", "monthly", 1, "Headcount by cost centre for licence true-ups."],
  ["Travel bookings to HR", "SAP Concur", "Workday HCM", "one_way", "file", "csv", "weekly", 600, "Duty-of-care report of travelling employees."],
  ["Freight invoices to ERP", "Manhattan WMS", "SAP S/4HANA", "one_way", "manual", "pdf", "weekly", 700, "Carrier invoices matched to shipments by hand."],
  ["Tax determination", "Shopify Plus", "NetSuite", "one_way", "file", "csv", "monthly", 1, "US webshop sales tax summary for filings."],
];

const FIN = "Finance";
const SAL = "Sales";
const HR = "Human Resources";
const OPS = "Operations & Supply Chain";
const CS = "Customer Service";
const IT = "IT";
const OWNER = "owner@switchboard.local";

// name, department, ownerEmail, ownerName, volume/month, minutes/txn, error %, cycle h, systems, pain points, description
const PROCESSES: [string, string, string, string, number, number, number, number, string, string, string][] = [
  ["Supplier invoice processing", FIN, OWNER, "AP team lead", 7400, 9, 6.5, 96, "Coupa; SAP S/4HANA", "high: invoices re-keyed when the Coupa file fails #rekeying; medium: duplicate payments found at month end #duplicates; high: late payment fees #cash", "Receive, match and post supplier invoices against POs and goods receipts."],
  ["Vendor onboarding", FIN, "", "Procurement operations", 60, 75, 12, 240, "Coupa; SAP S/4HANA", "high: vendor master created twice in two systems #master-data; critical: bank details changed by e-mail without verification #fraud", "Collect supplier data, check sanctions and bank details, create the vendor."],
  ["Month-end close", FIN, OWNER, "Group controller", 1, 5400, 4, 120, "SAP S/4HANA; NetSuite; Snowflake", "critical: US trial balance arrives by spreadsheet on day 4 #consolidation; high: manual journal adjustments #manual-journals", "Close the books across entities and produce group reporting."],
  ["Intercompany reconciliation", FIN, "", "Group accounting", 120, 40, 15, 72, "SAP S/4HANA; NetSuite", "critical: intercompany invoices booked twice #duplicates; high: FX differences investigated by hand #fx", "Match and settle intercompany balances between EU and US entities."],
  ["Expense report audit", FIN, "", "Travel & expense desk", 2600, 4, 3, 48, "SAP Concur; SAP S/4HANA", "medium: receipts missing on 8% of reports #compliance; low: cost centre mismatches after reorgs #master-data", "Audit and post employee expense reports."],
  ["Cash application", FIN, "", "Credit & collections", 5200, 3, 5, 24, "SAP S/4HANA", "high: remittance advice read from PDFs #manual-matching; medium: unapplied cash parked for weeks #cash", "Match incoming payments to open customer invoices."],
  ["Fixed asset capitalisation", FIN, "", "Asset accounting", 90, 25, 4, 168, "SAP S/4HANA; NetSuite", "medium: asset policies copied to NetSuite by hand #consistency", "Capitalise projects and purchases as fixed assets."],
  ["VAT and sales tax reporting", FIN, OWNER, "Tax manager", 4, 600, 2, 80, "SAP S/4HANA; NetSuite; Shopify Plus", "high: US sales tax summary built from a webshop CSV #tax; medium: filing data assembled in Excel #spreadsheets", "Prepare VAT returns in the EU and sales tax filings in the US."],
  ["Bank statement reconciliation", FIN, "", "Treasury", 22, 90, 3, 24, "SAP S/4HANA; Snowflake", "low: a handful of unmatched items each day #manual-matching", "Reconcile bank accounts daily."],
  ["Quote to order", SAL, OWNER, "Sales operations manager", 2400, 14, 8, 36, "Salesforce Sales Cloud; Pricing Engine; SAP S/4HANA", "critical: won deals re-keyed into SAP #rekeying; high: wrong prices on 1 in 12 orders #pricing; medium: order confirmation takes 1.5 days #cycle-time", "Turn an accepted quote into a sales order in ERP."],
  ["Customer credit check", SAL, "", "Credit control", 900, 10, 5, 24, "SAP S/4HANA; AS/400 Order Entry", "high: credit limits on the AS/400 are a week old #stale-data; medium: checks done on PDFs #manual", "Check credit exposure before accepting large orders."],
  ["Contract renewals", SAL, "", "Key account management", 180, 45, 6, 240, "Salesforce Sales Cloud; SAP S/4HANA", "medium: renewals tracked in a spreadsheet #spreadsheets; high: missed renewals lose revenue #revenue-leakage", "Renew service and supply contracts before they lapse."],
  ["Sales commission calculation", SAL, OWNER, "Sales operations manager", 1, 2400, 9, 120, "Salesforce Sales Cloud; ADP Payroll", "high: commissions calculated in Excel #spreadsheets; high: disputes every quarter #errors; medium: payroll receives the file late #cycle-time", "Calculate and pay monthly sales commissions."],
  ["Lead routing", SAL, "", "Marketing operations", 3200, 2, 4, 8, "Salesforce Sales Cloud; Shopify Plus", "low: webshop B2B leads assigned by hand #manual", "Assign inbound leads to the right sales rep."],
  ["Price list maintenance", SAL, "", "Pricing analyst", 4, 480, 5, 72, "Pricing Engine; Salesforce Sales Cloud; SAP S/4HANA; AS/400 Order Entry", "high: four systems updated separately #consistency; medium: weekly upload to CRM is manual #manual", "Publish new price lists and customer-specific discounts."],
  ["Wholesale order entry", SAL, "", "Wholesale desk", 6000, 6, 7, 20, "AS/400 Order Entry; SAP S/4HANA; Manhattan WMS", "critical: rush orders bypass ERP and break stock figures #legacy; high: green-screen skills are retiring #key-person-risk", "Take phone and fax orders from wholesale customers."],
  ["Webshop order capture", SAL, "", "E-commerce manager", 42000, 0.5, 1.5, 2, "Shopify Plus; SAP S/4HANA; Zendesk", "medium: failed webhooks need manual replays #reliability; low: product data lags behind ERP #master-data", "Accept and fulfil orders placed on the webshop."],
  ["Employee onboarding", HR, OWNER, "HR operations lead", 80, 180, 10, 120, "Workday HCM; ServiceNow ITSM; ADP Payroll; SAP Concur", "high: laptops and accounts not ready on day one #experience; medium: payroll set-up keyed twice #rekeying", "Hire to first day: contract, payroll, equipment and accounts."],
  ["Payroll input preparation", HR, "", "Payroll coordinator", 4200, 3, 4, 72, "Workday HCM; ADP Payroll", "high: overtime checked by hand in weekly extracts #manual; medium: late changes cause off-cycle runs #rework", "Collect time, absence and changes for the payroll run."],
  ["Leaver offboarding", HR, "", "HR operations lead", 60, 90, 18, 72, "Workday HCM; ServiceNow ITSM; ADP Payroll", "critical: leavers keep system access for weeks #security; medium: final pay calculated manually #manual", "Process resignations and terminations end to end."],
  ["Time and absence approval", HR, "", "HR business partners", 9000, 1.5, 2, 48, "Workday HCM", "low: managers approve late #cycle-time", "Approve time sheets and absence requests."],
  ["Benefits enrolment", HR, "", "Benefits specialist", 150, 30, 6, 240, "Workday HCM; ADP Payroll", "medium: carrier files built by hand #spreadsheets", "Enrol employees in benefit plans and inform carriers."],
  ["Internal transfers and org changes", HR, "", "HRIS team", 140, 35, 9, 96, "Workday HCM; SAP S/4HANA; ServiceNow ITSM", "high: cost centre changes arrive by e-mail #master-data; high: access not adjusted for movers #security", "Move employees between teams, cost centres and managers."],
  ["Recruiting requisition approval", HR, "", "Talent acquisition", 70, 20, 3, 120, "Workday HCM", "low: approvals stall with travelling managers #cycle-time", "Approve new positions before recruiting starts."],
  ["Purchase order to goods receipt", OPS, OWNER, "Procurement manager", 3200, 8, 5, 168, "Coupa; SAP S/4HANA; Manhattan WMS", "high: ASNs arrive as PDFs #manual; medium: receipts against wrong PO lines #errors", "Order from suppliers and receive goods at the DC."],
  ["Demand planning", OPS, "", "Demand planner", 4, 960, 20, 120, "Blue Yonder Demand Planning; SAP S/4HANA; Shopify Plus", "critical: forecast pasted into ERP by hand #spreadsheets; high: webshop demand missing from history #data-gaps", "Build the weekly consensus forecast."],
  ["Warehouse pick, pack and ship", OPS, "", "DC operations manager", 36000, 1.2, 0.8, 18, "Manhattan WMS; SAP S/4HANA", "medium: rush orders from the AS/400 skip wave planning #legacy", "Fulfil outbound deliveries from the distribution centres."],
  ["Customer returns (RMA)", OPS, "", "Returns desk supervisor", 900, 15, 11, 96, "Zendesk; Manhattan WMS; SAP S/4HANA", "high: RMA forms printed and re-keyed #rekeying; medium: refunds wait for the returns file #cycle-time", "Authorise, receive, inspect and credit customer returns."],
  ["Inventory cycle count", OPS, "", "Inventory control", 1500, 4, 3, 24, "Manhattan WMS; SAP S/4HANA", "low: count differences posted a day late #latency", "Count stock locations and post differences."],
  ["Supplier ASN processing", OPS, "", "Inbound dock lead", 1100, 7, 9, 12, "Coupa; Manhattan WMS", "high: ASNs keyed from e-mail attachments #manual; medium: dock slots booked by phone #scheduling", "Register advance shipping notices before trucks arrive."],
  ["Production order confirmation", OPS, "", "Plant controller", 2800, 3, 4, 8, "SAP S/4HANA", "low: scrap booked at shift end #latency", "Confirm operations and goods movements for production orders."],
  ["Freight invoice audit", OPS, OWNER, "Logistics controller", 700, 12, 14, 120, "Manhattan WMS; SAP S/4HANA", "high: carrier invoices matched by hand #manual-matching; high: overcharges slip through #cost-leakage", "Check carrier invoices against shipments and contracted rates."],
  ["Ticket triage", CS, OWNER, "Customer service manager", 15000, 2, 5, 4, "Zendesk; Salesforce Sales Cloud", "medium: B2B tickets miss account context #context", "Categorise, prioritise and route incoming tickets."],
  ["Order status enquiries", CS, "", "Customer service team lead", 11000, 5, 3, 2, "Zendesk; SAP S/4HANA; Shopify Plus", "critical: every WISMO ticket needs an SAP GUI lookup #swivel-chair; high: 40% of tickets are status questions #deflection", "Answer where-is-my-order questions."],
  ["Refund approval", CS, "", "Customer service team lead", 1800, 8, 6, 72, "Zendesk; SAP S/4HANA", "high: approved refunds collected in a shared sheet #spreadsheets; medium: customers chase refunds #experience", "Approve and issue refunds and credit memos."],
  ["Warranty claims", CS, "", "Quality engineer", 220, 25, 10, 240, "Zendesk; SAP S/4HANA", "medium: claims batched weekly in Excel #spreadsheets; medium: supplier recovery often missed #cost-leakage", "Assess warranty claims and recover costs from suppliers."],
  ["Customer master change requests", CS, "", "Master data team", 600, 12, 7, 48, "Zendesk; Salesforce Sales Cloud; SAP S/4HANA", "high: address changes applied in one system only #master-data", "Apply customer data changes requested through service."],
  ["Complaint escalation", CS, "", "Customer service manager", 120, 45, 5, 120, "Zendesk; ServiceNow ITSM", "low: escalations tracked in e-mail threads #visibility", "Escalate and resolve formal complaints."],
  ["Access provisioning", IT, OWNER, "IAM lead", 280, 20, 8, 48, "ServiceNow ITSM; Workday HCM", "critical: movers and leavers reported by e-mail #security; high: audit findings on orphaned accounts #compliance", "Grant and revoke access for joiners, movers and leavers."],
  ["Incident management", IT, "", "Service desk manager", 3400, 18, 4, 12, "ServiceNow ITSM; Zendesk", "low: customer-facing incidents mirrored by hand during outages #manual", "Restore service after incidents."],
  ["Change management", IT, "", "Change manager", 400, 30, 3, 96, "ServiceNow ITSM", "low: change records lack affected services #cmdb", "Assess, approve and schedule changes."],
  ["Software licence tracking", IT, "", "IT asset manager", 1, 900, 10, 160, "ServiceNow ITSM; Workday HCM", "medium: true-ups built from a monthly headcount file #spreadsheets", "Track licence entitlements against use."],
  ["Interface monitoring", IT, "", "Integration team", 600, 10, 12, 6, "SAP S/4HANA; Coupa; Shopify Plus; Snowflake", "high: failed files found by business users first #monitoring; medium: no single view of interface health #visibility", "Watch scheduled interfaces and restart failed ones."],
];

function systemRows(): Row[] {
  return SYSTEMS.map(([name, type, vendor, hosting, region, criticality, lifecycle, description]) => ({ name, type, vendor, hosting, region, criticality, lifecycle, description }));
}

function processRows(): Row[] {
  return PROCESSES.map(([name, department, ownerEmail, ownerName, volumePerMonth, manualMinutesPerTxn, errorRatePct, cycleTimeHours, systems, painPoints, description]) => ({
    name,
    department,
    ownerEmail,
    ownerName,
    description,
    volumePerMonth,
    manualMinutesPerTxn,
    errorRatePct,
    cycleTimeHours,
    systems,
    painPoints,
  }));
}

function interfaceRows(): Row[] {
  return INTERFACES.map(([name, source, target, direction, mechanism, payloadFormat, frequency, volumePerMonth, description]) => ({
    name,
    source,
    target,
    direction,
    mechanism,
    payloadFormat,
    frequency,
    volumePerMonth,
    description,
  }));
}

async function load(actor: Actor, kind: string, rows: Row[]): Promise<void> {
  const sheet = getSheet(kind);
  const bytes = await writeSheetFile(sheet.columns.map((c) => c.key), rows, "csv", sheet.label);
  const report = await importSheet(actor, kind, bytes, "csv", { dryRun: false });
  if (report.issues.length) {
    const first = report.issues.slice(0, 5).map((i) => `row ${i.row} ${i.field}: ${i.message}`);
    throw new Error(`inventory seed (${kind}) is invalid: ${first.join("; ")}`);
  }
  const c = report.counts;
  console.log(`  ${kind}: ${c?.created ?? 0} created, ${c?.updated ?? 0} updated, ${c?.unchanged ?? 0} unchanged`);
}

export async function seedInventory(actor: Actor): Promise<void> {
  await load(actor, "systems", systemRows());
  await load(actor, "processes", processRows());
  await load(actor, "interfaces", interfaceRows());
}
